using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using Onnx;

namespace MlNetTransfer.Engine;

/// <summary>
/// Static calibration for <see cref="Int8Quantization"/> (ONNX Runtime's "MinMax" calibration method,
/// https://onnxruntime.ai/docs/performance/model-optimizations/quantization.html): runs an fp32 image backbone on calibration
/// images, with the tensors to calibrate added as extra graph outputs of one ONNX Runtime session, and records the smallest
/// and largest value of each over all images. Pixels come from the same stock ML.NET steps as the engine's and the saved
/// zip's (<see cref="ImageEmbeddingCatalog.ImagePixels"/>), so the ranges are those of the tensors the backbone sees in use.
/// </summary>
public static class ActivationCalibration
{
    /// <summary>
    /// The [min, max] of each of <paramref name="tensors"/> over <paramref name="imagePaths"/>, by tensor name.
    /// </summary>
    /// <param name="backbone">An fp32 image backbone.</param>
    /// <param name="tensors">Tensor names of its graph (e.g. <see cref="Int8Quantization.CalibrationTensors"/>).</param>
    /// <param name="imagePaths">Calibration images (any format ML.NET's LoadImages reads), at least one.</param>
    /// <param name="batchSize">Images per ONNX Runtime call. Default 16.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; default the number of cores.</param>
    /// <exception cref="UserInputException">A tensor is not in the graph, no image is given, or an image cannot be read (named).</exception>
    public static IReadOnlyDictionary<string, TensorRange> Calibrate(BackboneManifest backbone, IReadOnlyList<string> tensors,
        IReadOnlyList<string> imagePaths, int batchSize = 16, int? intraOpThreads = null)
    {
        if (backbone.Image is null) throw new ArgumentException($"Backbone '{backbone.Name}' is not an image backbone.", nameof(backbone));
        if (imagePaths.Count == 0) throw new UserInputException("Calibration needs at least one image.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);

        var model = OnnxGraphs.Read(backbone.ModelPath);
        var produced = model.Graph.Node.SelectMany(n => n.Output).Concat(model.Graph.Input.Select(i => i.Name)).ToHashSet(StringComparer.Ordinal);
        var missing = tensors.Where(t => !produced.Contains(t)).ToList();
        if (missing.Count > 0)
            throw new UserInputException($"Calibration: '{backbone.ModelPath}' has no tensor {string.Join(", ", missing.Select(m => $"'{m}'"))}.");
        var outputs = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in tensors.Where(t => !outputs.Contains(t)))
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = tensor,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });

        using var options = EngineSessions.CreateOptions(intraOpThreads, device: null);
        using var session = new InferenceSession(model.ToByteArray(), options);
        var sampleShape = backbone.Image.FillUnknownDimensions(session.InputMetadata[backbone.Input].Dimensions.Skip(1).Select(d => (long)d).ToArray());
        var sampleSize = (int)sampleShape.Aggregate(1L, (a, b) => a * b);

        var ml = new MLContext(0);
        using var upright = new UprightImages();
        var fed = imagePaths.Select(upright.PathFor).ToArray();
        var view = new TableDataView(fed.Length).AddText("path", fed);
        var pixels = ImageEmbeddingCatalog.ImagePixels(ml.Transforms, backbone, "path", "pixels", "image", "resized").Fit(view).Transform(view);

        var min = tensors.ToDictionary(t => t, _ => float.PositiveInfinity, StringComparer.Ordinal);
        var max = tensors.ToDictionary(t => t, _ => float.NegativeInfinity, StringComparer.Ordinal);
        var names = tensors.ToArray();
        var batch = new float[batchSize * sampleSize];
        var pending = 0;
        void Flush()
        {
            var input = pending == batchSize ? batch : batch[..(pending * sampleSize)];
            using var tensor = OrtValue.CreateTensorValueFromMemory(input, [pending, .. sampleShape]);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [backbone.Input], [tensor], names);
            for (var i = 0; i < names.Length; i++)
            {
                var values = results[i].GetTensorDataAsSpan<float>();
                if (values.Length == 0) continue;
                var (lo, hi) = (System.Numerics.Tensors.TensorPrimitives.Min(values), System.Numerics.Tensors.TensorPrimitives.Max(values));
                if (lo < min[names[i]]) min[names[i]] = lo;
                if (hi > max[names[i]]) max[names[i]] = hi;
            }
            pending = 0;
        }

        var buffer = default(VBuffer<float>);
        using var cursor = pixels.GetRowCursor(pixels.Schema.Where(c => c.Name == "pixels"));
        var getter = cursor.GetGetter<VBuffer<float>>(pixels.Schema["pixels"]);
        var row = 0;
        while (true)
        {
            try
            {
                if (!cursor.MoveNext()) break;
                getter(ref buffer);
            }
            catch (Exception e) when (e is not UserInputException)
            {
                throw new UserInputException($"Calibration: image '{imagePaths[row]}' cannot be read: {e.Message}", e);
            }
            if (buffer.Length != sampleSize)
                throw new UserInputException($"Calibration: preprocessing gives {buffer.Length} values per image, input '{backbone.Input}' takes {sampleSize}.");
            buffer.CopyTo(batch, pending * sampleSize);
            pending++;
            row++;
            if (pending == batchSize) Flush();
        }
        if (pending > 0) Flush();
        return tensors.ToDictionary(t => t, t => new TensorRange(min[t], max[t]), StringComparer.Ordinal);
    }
}
