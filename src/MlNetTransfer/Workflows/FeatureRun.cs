using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// The featurizer stages every workflow shares: resolve the backbones and the device, open the embedding cache and the
/// batched engines, fit the featurizer on one dataset (<see cref="Start"/>), then compute features of any dataset once,
/// in memory (<see cref="Materialize"/>), and view them with labels for a head (<see cref="View"/>). Disposing it
/// releases the featurizer's ONNX sessions, the engines and the cache.
/// </summary>
public sealed class FeatureRun : IDisposable
{
    private readonly BackboneEngines _engines;
    private readonly EmbeddingCache? _cache;
    private readonly IProgress<WorkflowProgress>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly DataViewSchema _inputSchema;

    private FeatureRun(FittedFeaturizer featurizer, BackboneEngines engines, EmbeddingCache? cache, DataViewSchema inputSchema,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        Featurizer = featurizer;
        _engines = engines;
        _cache = cache;
        _inputSchema = inputSchema;
        _progress = progress;
        _cancellation = cancellation;
    }

    /// <summary>The fitted featurizer: the saved model's first half.</summary>
    public FittedFeaturizer Featurizer { get; }

    /// <summary>The raw input schema the featurizer reads (no label).</summary>
    public DataViewSchema InputSchema => _inputSchema;

    /// <summary>What featurizing did so far: inputs through a backbone, inputs from the embedding cache.</summary>
    public EngineCounters Counters => _engines.Counters;

    /// <summary>
    /// Resolves backbones (only when <paramref name="fitOn"/> has image columns) and the device (reporting a CUDA
    /// fallback), opens the cache and fits the featurizer on <paramref name="fitOn"/>; no backbone runs yet.
    /// <see cref="UserInputException"/> for an unknown backbone or featurizer, or a backbone that does not load.
    /// </summary>
    public static FeatureRun Start(MLContext ml, Dataset fitOn, FeatureRunOptions options, IProgress<WorkflowProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        var hasImages = fitOn.Columns.Any(c => c.Role == ColumnRole.Image);
        // A --backbone name that a non-backbone image kind answers to (classical) joins the image featurizers, after the ONNX backbones.
        var imageKinds = hasImages ? options.Backbones.Where(name => IsImageFeaturizer(options.FeatureParts, name)).ToList() : [];
        var backbones = hasImages
            ? options.Backbones.Where(name => !imageKinds.Contains(name)).Select(name => ResolveBackbone(options.FeatureParts, name)).ToList()
            : [];
        var (device, deviceMessage) = options.Device.Resolve();
        if (deviceMessage is not null) progress?.Report(new WorkflowProgress("Device", 0, 0, deviceMessage));
        var cache = options.CacheDir is null ? null : EmbeddingCache.Open(options.CacheDir);
        var engines = new BackboneEngines(device);
        try
        {
            var featurizer = FeaturePipeline.Fit(ml, fitOn, new FeaturizerOptions
            {
                ImageBackbones = backbones,
                ImageFeaturizers = [.. imageKinds, .. options.ImageFeaturizers],
                TextFeaturizers = options.TextFeaturizers,
                SeriesFeaturizers = options.SeriesFeaturizers,
                GpuDeviceId = device.CudaDeviceId,
                Registry = options.FeatureParts,
            });
            return new FeatureRun(featurizer, engines, cache, fitOn.InputSchema, progress, cancellation);
        }
        catch
        {
            engines.Dispose();
            cache?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether a name given as a backbone is a registered image kind that is not an ONNX backbone (<c>classical</c>); such a
    /// kind's own error for a name it claims but cannot use (<c>classical-7</c>) propagates.
    /// </summary>
    private static bool IsImageFeaturizer(FeaturePartRegistry registry, string name) =>
        registry.Providers.Any(p => p.Role == ColumnRole.Image && p is not ImageBackbonePartProvider && p.TryResolve(name) is not null);

    /// <summary>
    /// The manifest of a backbone name or path; an unknown name's error also lists the image featurizers that need no ONNX
    /// file (<c>classical</c>), which <c>--backbone</c> takes too.
    /// </summary>
    private static BackboneManifest ResolveBackbone(FeaturePartRegistry registry, string name)
    {
        try
        {
            return BackboneCatalog.Default.Resolve(name);
        }
        catch (UserInputException e) when (!BackboneCatalog.LooksLikePath(name) && !BackboneCatalog.Default.Exists(name.Trim()))
        {
            var others = registry.Providers.Where(p => p.Role == ColumnRole.Image && p is not ImageBackbonePartProvider).SelectMany(p => p.KnownNames).ToList();
            if (others.Count == 0) throw;
            throw new UserInputException($"{e.Message} Image featurizers without an ONNX file: {string.Join(", ", others)}.", e);
        }
    }

    /// <summary>The features of every row of <paramref name="data"/> (one vector per row, in order), computed once; <paramref name="stage"/> labels the progress.</summary>
    public VBuffer<float>[] Materialize(Dataset data, string stage) =>
        FeatureMaterializer.Run(Featurizer, data, stage, _progress, _cancellation, _engines, _cache);

    /// <summary>
    /// Closes the backbone engines' ONNX Runtime sessions once the run's passes are done (a later <see cref="Materialize"/>
    /// opens them again), so that they and the saved model's own ONNX steps, built when it is first asked for
    /// (<see cref="FittedFeaturizer.Transformer"/>), are not in memory together.
    /// </summary>
    public void ReleaseEngines() => _engines.Release();

    /// <summary>
    /// An in-memory view of <paramref name="features"/> (column <see cref="FeaturePipeline.FeaturesColumn"/>, typed as the
    /// featurizer's output) and text <paramref name="labels"/> (column <c>Label</c>), for a feature-space step and a head.
    /// </summary>
    public IDataView View(IReadOnlyList<VBuffer<float>> features, IReadOnlyList<string> labels) =>
        FeatureMaterializer.ToView(Featurizer, _inputSchema, features, labels);

    /// <summary>
    /// An in-memory view of <paramref name="features"/> and, for a regression head, the numbers to predict
    /// (<paramref name="targets"/>, a float column <c>Label</c>).
    /// </summary>
    public IDataView RegressionView(IReadOnlyList<VBuffer<float>> features, IReadOnlyList<float> targets) =>
        FeatureMaterializer.ToView(Featurizer, _inputSchema, features, targets);

    /// <inheritdoc />
    public void Dispose()
    {
        Featurizer.Dispose();
        _engines.Dispose();
        _cache?.Dispose();
    }
}
