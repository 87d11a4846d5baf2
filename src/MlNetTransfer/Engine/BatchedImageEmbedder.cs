using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Engine;

/// <summary>
/// Runs an image backbone over many images in batches through ONE ONNX Runtime session (the manifest's graph has a
/// symbolic batch dimension; symbolic height and width take the manifest's size), with the intra-op thread count set to the machine's cores. Pixels come from the same
/// stock ML.NET steps the saved model uses (<see cref="ImageEmbeddingCatalog.ImagePixels"/>), so the embeddings equal
/// the saved zip's per-row ones (tested to 1e-4). ML.NET's own ApplyOnnxModel runs one row per call.
/// </summary>
public sealed class BatchedImageEmbedder : IDisposable
{
    private const string PathColumn = "path";
    private const string PixelsColumn = "pixels";
    private readonly BackboneManifest _backbone;
    private readonly InferenceSession _session;
    private readonly long[] _sampleShape;
    private readonly Lazy<string> _identity; // hashing the model file is only needed for cache keys

    /// <param name="backbone">An image backbone.</param>
    /// <param name="batchSize">Images per ONNX Runtime call. Default 32.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; default: the number of cores.</param>
    /// <param name="device">Where to run; default the CPU. Pass a device already checked with <see cref="ComputeDevice.Resolve"/>.</param>
    public BatchedImageEmbedder(BackboneManifest backbone, int batchSize = 32, int? intraOpThreads = null, ComputeDevice? device = null)
        : this(backbone, batchSize, intraOpThreads, device, profilePrefix: null)
    {
    }

    /// <summary>
    /// As the public constructor; with <paramref name="profilePrefix"/>, ONNX Runtime's profiler records every node run (with the
    /// execution provider that ran it) until <see cref="EndProfiling"/>, which returns the JSON file. Slower: for checks, not timings.
    /// </summary>
    internal BatchedImageEmbedder(BackboneManifest backbone, int batchSize, int? intraOpThreads, ComputeDevice? device, string? profilePrefix)
    {
        if (backbone.Image is null) throw new ArgumentException($"Backbone '{backbone.Name}' is not an image backbone.", nameof(backbone));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _backbone = backbone;
        BatchSize = batchSize;
        using (var options = EngineSessions.CreateOptions(intraOpThreads, device, profilePrefix))
            _session = new InferenceSession(backbone.ModelPath, options);
        if (!_session.InputMetadata.TryGetValue(backbone.Input, out var input))
            throw new UserInputException($"Backbone '{backbone.Name}': '{backbone.ModelPath}' has no input tensor '{backbone.Input}' (it has {string.Join(", ", _session.InputMetadata.Keys)}).");
        if (!_session.OutputMetadata.ContainsKey(backbone.Output))
            throw new UserInputException($"Backbone '{backbone.Name}': '{backbone.ModelPath}' has no output tensor '{backbone.Output}' (it has {string.Join(", ", _session.OutputMetadata.Keys)}).");
        if (input.Dimensions.Length == 0 || input.Dimensions[0] > 1)
            throw new UserInputException($"Backbone '{backbone.Name}': input '{backbone.Input}' has no batch dimension (shape [{string.Join(",", input.Dimensions)}]).");
        // Dynamic height and width ([N,3,H,W], or [N,H,W,3] interleaved): the manifest's size fixes them, as for the
        // saved pipeline's ApplyOnnxModel (ImageEmbeddingCatalog.FixedInputShape).
        _sampleShape = backbone.Image.FillUnknownDimensions(input.Dimensions.Skip(1).Select(d => (long)d).ToArray());
        // The file's own hash, not the manifest's: a model replaced in place must not hit old embeddings.
        _identity = new(() => $"{BackboneMaterializer.Sha256(backbone.ModelPath)}|{backbone.Input}|{backbone.Output}|{JsonSerializer.Serialize(backbone.Image, JsonDefaults.Options)}");
        if (_sampleShape.Any(d => d <= 0))
            throw new UserInputException($"Backbone '{backbone.Name}': input '{backbone.Input}' must have fixed dimensions after the batch one (shape [{string.Join(",", input.Dimensions)}]).");
        // A graph whose batch dimension is fixed at 1 can only run one image per call.
        if (input.Dimensions[0] == 1) BatchSize = 1;
    }

    /// <summary>Images per ONNX Runtime call: the constructor's <c>batchSize</c>, or 1 when the graph's batch dimension is fixed at 1.</summary>
    public int BatchSize { get; }

    /// <summary>Images this embedder has run through the backbone (cache hits excluded).</summary>
    public int ImagesRun { get; private set; }

    /// <summary>Images the last <see cref="Embed"/> call found in the cache.</summary>
    public int CacheHits { get; private set; }

    /// <summary>
    /// Embeddings of <paramref name="dataset"/>'s image column <paramref name="column"/>, in row order. With a cache, images
    /// already embedded by this backbone with these preprocessing settings are read from it, the others are embedded
    /// and stored batch by batch (an interrupted run keeps every finished batch).
    /// </summary>
    public float[][] Embed(Dataset dataset, string column, string stage, IProgress<WorkflowProgress>? progress = null,
        CancellationToken cancellation = default, EmbeddingCache? cache = null)
    {
        CacheHits = 0;
        if (cache is null) return EmbedAll(dataset, column, stage, progress, cancellation, null);
        var paths = dataset.Columns.Single(c => c.Name == column).Values;
        progress?.Report(new WorkflowProgress(stage, 0, paths.Count)); // the stage starts with hashing and looking up, before any image runs
        var keys = paths.Select(p => File.Exists(p) ? KeyOf(p) : null).ToArray();
        var hits = cache.Get(keys.OfType<string>().ToList());
        var result = new float[paths.Count][];
        var misses = new List<int>();
        for (var i = 0; i < paths.Count; i++)
        {
            if (keys[i] is { } key && hits.TryGetValue(key, out var hit) && hit.Length == _backbone.EmbeddingSize) result[i] = hit;
            else misses.Add(i);
        }
        CacheHits = paths.Count - misses.Count;
        if (misses.Count > 0)
        {
            var fresh = EmbedAll(dataset.Subset(misses), column, stage, progress, cancellation, (start, count, embedded) =>
                cache.Put(Enumerable.Range(start, count).Where(j => keys[misses[j]] is not null).Select(j => (keys[misses[j]]!, embedded[j]))));
            for (var j = 0; j < misses.Count; j++) result[misses[j]] = fresh[j];
        }
        progress?.Report(new WorkflowProgress(stage, paths.Count, paths.Count, $"{CacheHits} of {paths.Count} from the cache"));
        return result;
    }

    /// <summary>
    /// The cache key of an image: sha256 over the backbone file's sha256, the preprocessing settings, the tensor names
    /// and the image file's own sha256 (with its EXIF orientation when it is not 1). Any change to one of them makes a new key.
    /// </summary>
    public string KeyOf(string imagePath)
    {
        using var stream = File.OpenRead(imagePath);
        var content = Convert.ToHexStringLower(SHA256.HashData(stream));
        // The embedding is of the upright image: a rotated one gets its own key (and none made before rotation was applied).
        var orientation = ImageOrientation.Read(imagePath);
        if (orientation != 1) content += $"|exif-orientation-{orientation}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_identity.Value + "\n" + content)));
    }

    private float[][] EmbedAll(Dataset dataset, string column, string stage, IProgress<WorkflowProgress>? progress,
        CancellationToken cancellation, Action<int, int, float[][]>? onBatch)
    {
        var paths = dataset.Columns.Single(c => c.Name == column).Values;
        var ml = new MLContext(0);
        // EXIF-rotated photos are fed upright, as evaluate / predict feed the saved zip (ImageOrientation).
        using var upright = new UprightImages();
        var fed = new string[paths.Count];
        Parallel.For(0, fed.Length, i => fed[i] = upright.PathFor(paths[i]));
        var view = new TableDataView(paths.Count).AddText(PathColumn, fed);
        var pixels = ImageEmbeddingCatalog.ImagePixels(ml.Transforms, _backbone, PathColumn, PixelsColumn, "image", "resized").Fit(view).Transform(view);

        var sampleSize = (int)_sampleShape.Aggregate(1L, (a, b) => a * b);
        var embeddingSize = _backbone.EmbeddingSize;
        var result = new float[paths.Count][];
        var batch = new float[BatchSize * sampleSize];
        var pending = 0;
        var buffer = default(VBuffer<float>);
        ValueGetter<VBuffer<float>>? getter = null;

        void Flush(int lastRow)
        {
            var rows = pending;
            var input = rows == BatchSize ? batch : batch[..(rows * sampleSize)];
            using var tensor = OrtValue.CreateTensorValueFromMemory(input, [rows, .. _sampleShape]);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [_backbone.Input], [tensor], [_backbone.Output]);
            var values = outputs[0].GetTensorDataAsSpan<float>();
            if (values.Length != rows * embeddingSize)
                throw new UserInputException($"Backbone '{_backbone.Name}': output '{_backbone.Output}' has {values.Length / rows} values per image, the manifest says embeddingSize {embeddingSize}.");
            for (var r = 0; r < rows; r++)
                result[lastRow - rows + 1 + r] = values.Slice(r * embeddingSize, embeddingSize).ToArray();
            pending = 0;
            ImagesRun += rows;
            onBatch?.Invoke(lastRow - rows + 1, rows, result);
        }

        RowScan.ForEach(pixels, dataset.Ids, [PixelsColumn], stage, (row, i) =>
        {
            getter ??= row.GetGetter<VBuffer<float>>(row.Schema[PixelsColumn]);
            getter(ref buffer);
            if (buffer.Length != sampleSize)
                throw new UserInputException($"Backbone '{_backbone.Name}': preprocessing gives {buffer.Length} values per image, input '{_backbone.Input}' takes {sampleSize}.");
            buffer.CopyTo(batch, pending * sampleSize);
            pending++;
            if (pending == BatchSize) Flush(i);
        }, progress, cancellation, from => ImageCheck.FirstUndecodable(dataset, from));
        if (pending > 0) Flush(paths.Count - 1);
        return result;
    }

    /// <summary>Stops the profiler of a session created with a profile prefix and returns the path of its JSON file.</summary>
    internal string EndProfiling() => _session.EndProfiling();

    /// <summary>Releases the ONNX Runtime session (native memory, and GPU memory on CUDA); the embedder cannot be used afterwards.</summary>
    public void Dispose() => _session.Dispose();
}
