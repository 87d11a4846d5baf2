using System.Text.Json;
using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Bench;

/// <summary>
/// <c>int8-calibrate</c>: calibrates the activation ranges of an fp32 image backbone on shipped images
/// (<see cref="ActivationCalibration"/>), quantizes it (<see cref="Int8Quantization"/>) and writes
/// <c>&lt;models&gt;/&lt;from&gt;-int8.json</c>, whose build recipe records the ranges, and the graph it builds to. The build then
/// makes the same graph from the recorded ranges on any machine (BackboneBuilder), checked against the recorded sha256.
/// </summary>
internal static class Int8Calibrate
{
    public static void Run(Int8CalibrateOptions options, string command, TextWriter log)
    {
        var models = Path.GetFullPath(options.Models);
        var source = BackboneManifest.Load(Path.Combine(models, options.From + ".json"));
        if (source.Image is null) throw new UserInputException($"Backbone '{source.Name}' is not an image backbone; int8-calibrate quantizes image backbones.");
        var images = BenchData.Spread(options.Data, options.Images);
        var paths = images.Columns.Single(c => c.Name == Dataset.ImagePathColumn).Values;
        var fp32 = OnnxGraphs.Read(source.ModelPath);
        var tensors = Int8Quantization.CalibrationTensors(fp32);
        log.WriteLine($"calibrating {tensors.Count} tensors of {source.Name} on {paths.Count} images of '{Path.GetFullPath(options.Data)}/train'");
        var ranges = CalibratedQuantization.Calibrate(source, paths);
        var recipe = new QuantizeRecipe
        {
            From = source.Name,
            WeightBits = options.WeightBits,
            Calibration = $"min/max over {paths.Count} images of {options.Data}/train ({BenchData.Describe(images)}), recorded by: {command}",
            Ranges = tensors.ToDictionary(t => t, t => new[] { ranges[t].Min, ranges[t].Max }, StringComparer.Ordinal),
        };
        var name = source.Name + "-int8";
        var manifestPath = Path.Combine(models, name + ".json");
        var modelPath = Path.Combine(models, name + ".onnx");
        // Write the recipe, then build from the manifest as read back, exactly as the build will.
        var manifest = source with
        {
            Name = name,
            File = name + ".onnx",
            Description = $"{source.Name} with static int8 quantization (ONNX QDQ, opset {Int8Quantization.Opset}): BatchNormalization folded into the convolutions, " +
                $"per-channel symmetric int{options.WeightBits} weights, int32 biases, uint8 activations calibrated (min/max) on shipped Fashion-MNIST images; made at build time from {source.Name}.onnx.",
            Build = new BuildRecipe { Quantize = recipe },
        };
        var sha256 = Int8Quantization.WriteQuantized(source, BackboneManifest.Load(Write(manifestPath, manifest)).Build!.Quantize!.ToOptions(manifestPath), modelPath);
        Write(manifestPath, manifest with { Sha256 = sha256 });
        var check = BackboneManifest.Load(manifestPath);
        log.WriteLine(BackboneMaterializer.Materialize(check, models));
        log.WriteLine($"wrote {manifestPath} and {modelPath} (sha256 {check.Sha256})");
    }

    private static string Write(string path, BackboneManifest manifest)
    {
        AtomicFile.WriteText(path, JsonSerializer.Serialize(manifest, JsonDefaults.Options) + "\n");
        return path;
    }
}
