using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Bench;

/// <summary>
/// (d) The practical ceiling: ONNX Runtime alone on the merged graph, batches of 32, the engine's session options, on pixel
/// tensors decoded beforehand. <see cref="Decode"/> makes the tensors of a chunk with the same stock ML.NET steps as the
/// saved zip and the engine (<see cref="ImageEmbeddingCatalog.ImagePixels"/>) and is timed apart; <see cref="Run"/> then
/// times only the <see cref="InferenceSession"/> calls on them.
/// </summary>
internal sealed class RawOrtVariant : IFeaturizeVariant
{
    private const string PixelsColumn = "pixels";
    private readonly BackboneManifest _backbone;
    private readonly InferenceSession _session;
    private readonly ITransformer _pixels;
    private readonly int _batchSize;
    private readonly long[] _sampleShape;
    private readonly int _sampleSize;
    private readonly List<float[]> _batches = [];
    private Dataset? _decoded;

    /// <param name="device">Where the session runs; default the CPU (a device already checked with <see cref="ComputeDevice.Resolve"/>).</param>
    public RawOrtVariant(Dataset images, BackboneManifest backbone, int batchSize, ComputeDevice? device = null)
    {
        _backbone = backbone;
        _batchSize = batchSize;
        var ml = new MLContext(seed: 0);
        _pixels = ImageEmbeddingCatalog.ImagePixels(ml.Transforms, backbone, Dataset.ImagePathColumn, PixelsColumn, "image", "resized")
            .Fit(images.ToDataView(includeLabel: false));
        (_session, Setup) = Measure.Once(() =>
        {
            using var options = EngineSessions.CreateOptions(null, device); // the engine's own options
            return new InferenceSession(backbone.ModelPath, options);
        });
        _sampleShape = _session.InputMetadata[backbone.Input].Dimensions.Skip(1).Select(d => (long)d).ToArray();
        _sampleSize = (int)_sampleShape.Aggregate(1L, (a, b) => a * b);
    }

    public string Key => "d";

    public string Name => $"raw ONNX Runtime, batch {_batchSize}, pre-decoded tensors";

    public TimeSpan Setup { get; }

    /// <summary>Decodes every image of <paramref name="images"/> into batch tensors (load, resize, extract pixels) for <see cref="Run"/>.</summary>
    public int Decode(Dataset images)
    {
        var batches = (images.Count + _batchSize - 1) / _batchSize;
        while (_batches.Count < batches) _batches.Add(new float[_batchSize * _sampleSize]); // about 0.6 MB per 224x224 RGB image, reused
        var view = _pixels.Transform(images.ToDataView(includeLabel: false));
        var column = view.Schema[PixelsColumn];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            if (buffer.Length != _sampleSize)
                throw new InvalidOperationException($"Preprocessing gives {buffer.Length} values per image, the model takes {_sampleSize}.");
            buffer.CopyTo(_batches[i / _batchSize], i % _batchSize * _sampleSize);
            i++;
        }
        if (i != images.Count) throw new InvalidOperationException($"{i} images decoded, {images.Count} expected.");
        _decoded = images;
        return i;
    }

    /// <summary>Embeds the images the last <see cref="Decode"/> decoded (which must be <paramref name="images"/>).</summary>
    public float[][] Run(Dataset images)
    {
        if (!ReferenceEquals(images, _decoded)) throw new InvalidOperationException("Decode these images before Run.");
        var embeddingSize = _backbone.EmbeddingSize;
        var result = new float[images.Count][];
        using var runOptions = new RunOptions();
        for (var start = 0; start < images.Count; start += _batchSize)
        {
            var rows = Math.Min(_batchSize, images.Count - start);
            var input = _batches[start / _batchSize].AsMemory(0, rows * _sampleSize);
            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, [rows, .. _sampleShape]);
            using var outputs = _session.Run(runOptions, [_backbone.Input], [tensor], [_backbone.Output]);
            var values = outputs[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < rows; r++)
                result[start + r] = values.Slice(r * embeddingSize, embeddingSize).ToArray();
        }
        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        (_pixels as IDisposable)?.Dispose();
    }
}
