using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Engine;

/// <summary>ONNX Runtime session settings shared by <see cref="BatchedImageEmbedder"/> and <see cref="BatchedTextEmbedder"/>.</summary>
internal static class EngineSessions
{
    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin between work items (<c>session.intra_op.allow_spinning</c>; ONNX Runtime's
    /// own default is to spin): off. Chosen from the bench's <c>decode-threads</c> run (BENCHMARKS.md, "Engine threads"): on 2
    /// AMD EPYC cores shared with other processes, spinning cost 11–12% more CPU time for the same images and bought no wall
    /// time, and the spinning threads compete with the engine's decode threads for the same cores.
    /// </summary>
    internal const bool DefaultAllowSpinning = false;

    /// <summary>
    /// The session options of both engines (and of the benchmarks' raw sessions): intra-op threads = cores unless given, one
    /// inter-op thread, all graph optimisations, no spinning unless asked (<see cref="DefaultAllowSpinning"/>); on CUDA, TF32 off (<c>use_tf32=0</c>): convolutions in full float32, so GPU
    /// embeddings agree with the CPU's (the embedding cache's keys do not name the device) instead of differing in the third digit.
    /// </summary>
    internal static SessionOptions CreateOptions(int? intraOpThreads, ComputeDevice? device, string? profilePrefix = null, bool? allowSpinning = null)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", allowSpinning ?? DefaultAllowSpinning ? "1" : "0");
            if (profilePrefix is not null)
            {
                options.EnableProfiling = true;
                options.ProfileOutputPathPrefix = profilePrefix;
            }
            if (device?.CudaDeviceId is { } cuda)
            {
                using var cudaOptions = new OrtCUDAProviderOptions();
                cudaOptions.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = cuda.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["use_tf32"] = "0",
                });
                options.AppendExecutionProvider_CUDA(cudaOptions);
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An engine's session on <paramref name="backbone"/>'s model file (counted by <see cref="BackboneSessions"/>); a file
    /// ONNX Runtime refuses is a <see cref="UserInputException"/> naming the model and its manifest, as when the saved
    /// steps are built (<see cref="FeaturePipeline.DoesNotLoad"/>).
    /// </summary>
    internal static InferenceSession Open(BackboneManifest backbone, SessionOptions options)
    {
        BackboneSessions.Opened(backbone);
        try
        {
            return new InferenceSession(backbone.ModelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw FeaturePipeline.DoesNotLoad(backbone, e);
        }
    }

    /// <summary>
    /// The manifest of <paramref name="backbone"/> names a <paramref name="kind"/> ("input" or "output") tensor
    /// <paramref name="tensor"/> its model file does not have: a <see cref="UserInputException"/> naming the model, the
    /// tensors it has and the manifest to fix.
    /// </summary>
    internal static UserInputException MissingTensor(BackboneManifest backbone, string kind, string tensor, IEnumerable<string> available) =>
        new($"Backbone '{backbone.Name}': '{backbone.ModelPath}' has no {kind} tensor '{tensor}' (it has {string.Join(", ", available)}), " +
            $"which its manifest '{backbone.ManifestPath}' names: fix the manifest (run 'mlnet-transfer inspect {backbone.ModelPath}' to see its tensors).");
}
