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
/// the saved zip's per-row ones (tested to 1e-4). ML.NET's own ApplyOnnxModel runs one row per call. Those steps run on
/// background threads (<see cref="DecodeThreads"/>), batches ahead of inference, in a bounded queue: memory does not grow
/// with the number of images, rows keep their order, and an image that fails to decode is named with its file and row.
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
    /// As the public constructor, with the threading the benchmarks vary: <paramref name="decodeThreads"/> bounds the background
    /// threads that decode batches ahead of inference (null: the number of cores; how many of them run is measured batch by batch),
    /// <paramref name="allowSpinning"/> ONNX Runtime's <c>session.intra_op.allow_spinning</c> (null: <see cref="EngineSessions"/>' default).
    /// </summary>
    internal BatchedImageEmbedder(BackboneManifest backbone, int batchSize, int? intraOpThreads, ComputeDevice? device, int? decodeThreads, bool? allowSpinning)
        : this(backbone, batchSize, intraOpThreads, device, profilePrefix: null, decodeThreads, allowSpinning)
    {
    }

    /// <summary>
    /// As the public constructor; with <paramref name="profilePrefix"/>, ONNX Runtime's profiler records every node run (with the
    /// execution provider that ran it) until <see cref="EndProfiling"/>, which returns the JSON file. Slower: for checks, not timings.
    /// </summary>
    internal BatchedImageEmbedder(BackboneManifest backbone, int batchSize, int? intraOpThreads, ComputeDevice? device, string? profilePrefix,
        int? decodeThreads = null, bool? allowSpinning = null)
    {
        if (backbone.Image is null) throw new ArgumentException($"Backbone '{backbone.Name}' is not an image backbone.", nameof(backbone));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        if (decodeThreads <= 0) throw new ArgumentOutOfRangeException(nameof(decodeThreads), decodeThreads, "must be positive");
        _backbone = backbone;
        BatchSize = batchSize;
        DecodeThreads = decodeThreads ?? Environment.ProcessorCount;
        using (var options = EngineSessions.CreateOptions(intraOpThreads, device, profilePrefix, allowSpinning))
            _session = EngineSessions.Open(backbone, options);
        if (!_session.InputMetadata.TryGetValue(backbone.Input, out var input))
            throw EngineSessions.MissingTensor(backbone, "input", backbone.Input, _session.InputMetadata.Keys);
        if (!_session.OutputMetadata.ContainsKey(backbone.Output))
            throw EngineSessions.MissingTensor(backbone, "output", backbone.Output, _session.OutputMetadata.Keys);
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

    /// <summary>
    /// The most background threads that decode and preprocess images ahead of inference (the number of cores unless the
    /// internal constructor set it). How many run is measured as the pass goes: enough that the next batch is decoded when
    /// inference wants it (one while decoding a batch is faster than inferring it, as on 2 CPU cores; more on a GPU).
    /// At most this many batches plus one are held in memory, whatever the number of images.
    /// </summary>
    public int DecodeThreads { get; }

    /// <summary>The most batches the last <see cref="Embed"/> pass had decoding or decoded ahead of inference at once (0 before any pass).</summary>
    public int PeakDecodeThreads { get; private set; }

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

        var sampleSize = (int)_sampleShape.Aggregate(1L, (a, b) => a * b);
        var embeddingSize = _backbone.EmbeddingSize;
        var result = new float[paths.Count][];
        var batches = (paths.Count + BatchSize - 1) / BatchSize;
        progress?.Report(new WorkflowProgress(stage, 0, paths.Count));
        if (batches == 0) return result;

        // Decoding (LoadImages -> ResizeImages -> ExtractPixels, the saved zip's own steps) runs on up to DecodeThreads
        // background threads, batches ahead of inference, which runs here. One fitted chain and one pixel getter buffer per
        // decode slot: a slot's batches never run at the same time (DecodeAhead), so neither is shared between threads, and
        // the buffer (a batch image's pixels, 600 KB for 224x224: a large-object-heap array) is made once per slot, not per batch.
        var slots = Math.Min(DecodeThreads, batches);
        var chains = new ITransformer[slots];
        var rowBuffers = new VBuffer<float>[slots];
        var buffers = new System.Collections.Concurrent.ConcurrentBag<float[]>(); // at most slots + 1 batch buffers ever exist
        DecodedBatch Decode(int b, CancellationToken token)
        {
            var start = b * BatchSize;
            var rows = Math.Min(BatchSize, paths.Count - start);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var view = new TableDataView(rows).AddText(PathColumn, fed[start..(start + rows)]);
            var chain = chains[b % slots] ??= ImageEmbeddingCatalog.ImagePixels(new MLContext(0).Transforms, _backbone, PathColumn, PixelsColumn, "image", "resized").Fit(view);
            var pixels = buffers.TryTake(out var reused) ? reused : new float[BatchSize * sampleSize];
            var slot = b % slots;
            ValueGetter<VBuffer<float>>? getter = null;
            RowScan.ForEach(chain.Transform(view), dataset.Ids.Skip(start).Take(rows).ToList(), [PixelsColumn], stage, (row, i) =>
            {
                getter ??= row.GetGetter<VBuffer<float>>(row.Schema[PixelsColumn]);
                getter(ref rowBuffers[slot]);
                if (rowBuffers[slot].Length != sampleSize)
                    throw new UserInputException($"Backbone '{_backbone.Name}': preprocessing gives {rowBuffers[slot].Length} values per image, input '{_backbone.Input}' takes {sampleSize}.");
                rowBuffers[slot].CopyTo(pixels, i * sampleSize);
            }, progress: null, token, from => ImageCheck.FirstUndecodable(dataset, start + from));
            return new DecodedBatch(start, rows, pixels, watch.Elapsed.TotalSeconds);
        }

        // A long pass starts from what is live: the setup's freed memory (graph parses, session optimisation) handed back first.
        if (paths.Count >= ReleaseBeforePassImages) ProcessMemory.ReleaseFreed();
        using var ahead = new DecodeAhead<DecodedBatch>(batches, Decode, slots, cancellation) { Ahead = slots }; // filled at the start, then measured
        var decodeSeconds = 0.0;
        var inferSeconds = 0.0;
        for (var b = 0; b < batches; b++)
        {
            var batch = ahead.Next();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var input = batch.Rows == BatchSize ? batch.Pixels : batch.Pixels[..(batch.Rows * sampleSize)];
            using (var tensor = OrtValue.CreateTensorValueFromMemory(input, [batch.Rows, .. _sampleShape]))
            using (var runOptions = new RunOptions())
            using (var outputs = _session.Run(runOptions, [_backbone.Input], [tensor], [_backbone.Output]))
            {
                var values = outputs[0].GetTensorDataAsSpan<float>();
                if (values.Length != batch.Rows * embeddingSize)
                    throw new UserInputException($"Backbone '{_backbone.Name}': output '{_backbone.Output}' has {values.Length / batch.Rows} values per image, the manifest says embeddingSize {embeddingSize}.");
                for (var r = 0; r < batch.Rows; r++)
                    result[batch.Start + r] = values.Slice(r * embeddingSize, embeddingSize).ToArray();
            }
            buffers.Add(batch.Pixels);
            ImagesRun += batch.Rows;
            onBatch?.Invoke(batch.Start, batch.Rows, result);
            // As many batches decode at once as it takes to have the next ready when inference wants it (measured, not assumed):
            // decoding slower than inference gets more threads, up to DecodeThreads; faster, one.
            decodeSeconds = Smooth(decodeSeconds, batch.DecodeSeconds, b);
            inferSeconds = Smooth(inferSeconds, watch.Elapsed.TotalSeconds, b);
            ahead.Ahead = (int)Math.Ceiling(decodeSeconds / Math.Max(inferSeconds, 1e-6));
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new WorkflowProgress(stage, batch.Start + batch.Rows, paths.Count));
        }
        PeakDecodeThreads = ahead.PeakInFlight;
        return result;
    }

    /// <summary>Passes of at least this many images start with <see cref="ProcessMemory.ReleaseFreed"/> (one full collection: under 1% of such a pass on a CPU).</summary>
    internal const int ReleaseBeforePassImages = 1024;

    private static double Smooth(double average, double value, int count) => count == 0 ? value : 0.7 * average + 0.3 * value;

    /// <summary>One batch of decoded pixels: rows <c>Start</c>..<c>Start + Rows - 1</c>, laid out as the backbone's input, and the seconds its decoding took.</summary>
    private sealed record DecodedBatch(int Start, int Rows, float[] Pixels, double DecodeSeconds);

    /// <summary>Stops the profiler of a session created with a profile prefix and returns the path of its JSON file.</summary>
    internal string EndProfiling() => _session.EndProfiling();

    /// <summary>Releases the ONNX Runtime session (native memory, and GPU memory on CUDA); the embedder cannot be used afterwards.</summary>
    public void Dispose() => _session.Dispose();
}
