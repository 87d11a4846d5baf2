using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Engine;

/// <summary>
/// Runs a fitted featurizer once over a dataset and keeps the features in memory, so heads fit on them without
/// re-running the backbone (the same effect as a cache checkpoint before the trainable steps). When every column is an
/// image column, the backbones run in batches through <see cref="BatchedImageEmbedder"/> and the parts are concatenated
/// in <see cref="FeaturePipeline"/>'s order (image column, then backbone), which equals the featurizer's output.
/// </summary>
internal static class FeatureMaterializer
{
    public static float[][] Run(ITransformer featurizer, Dataset dataset, IReadOnlyList<BackboneManifest> backbones, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, EmbeddingCache? cache = null, ComputeDevice? device = null,
        EngineCounters? counters = null)
    {
        if (dataset.Columns.Count > 0 && dataset.Columns.All(c => c.Role == ColumnRole.Image) && backbones.Count > 0)
            return Batched(dataset, backbones, stage, progress, cancellation, cache, device, counters);
        var features = Run(featurizer, dataset.ToDataView(includeLabel: false), dataset.Ids, stage, progress, cancellation,
            from => ImageCheck.FirstUndecodable(dataset, from));
        // ML.NET's per-row featurizer runs every backbone on every image of every image column (no cache on this path).
        counters?.Add(dataset.Count * dataset.Columns.Count(c => c.Role == ColumnRole.Image) * backbones.Count, 0);
        return features;
    }

    private static float[][] Batched(Dataset dataset, IReadOnlyList<BackboneManifest> backbones, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, EmbeddingCache? cache, ComputeDevice? device, EngineCounters? counters)
    {
        var parts = new List<float[][]>();
        foreach (var column in dataset.Columns)
            foreach (var backbone in backbones)
            {
                using var embedder = new BatchedImageEmbedder(backbone, device: device);
                var label = dataset.Columns.Count * backbones.Count == 1 ? stage : $"{stage} ({column.Name}, {backbone.Name})";
                parts.Add(embedder.Embed(dataset, column.Name, label, progress, cancellation, cache));
                counters?.Add(embedder.ImagesRun, embedder.CacheHits);
            }
        return parts.Count == 1
            ? parts[0]
            : Enumerable.Range(0, dataset.Count).Select(r => parts.SelectMany(p => p[r]).ToArray()).ToArray();
    }

    /// <summary>Features of every row of <paramref name="input"/>; <paramref name="ids"/> name the rows in errors.</summary>
    public static float[][] Run(ITransformer featurizer, IDataView input, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Func<int, string?>? diagnose = null)
    {
        var view = featurizer.Transform(input);
        var features = new float[ids.Count][];
        var buffer = default(VBuffer<float>);
        ValueGetter<VBuffer<float>>? getter = null;
        RowScan.ForEach(view, ids, [FeaturePipeline.FeaturesColumn], stage, (row, i) =>
        {
            getter ??= row.GetGetter<VBuffer<float>>(row.Schema[FeaturePipeline.FeaturesColumn]);
            getter(ref buffer);
            features[i] = buffer.DenseValues().ToArray();
        }, progress, cancellation, diagnose);
        return features;
    }

    /// <summary>
    /// A view of features and labels to fit a head on. The features column has exactly the featurizer's output type
    /// (an ONNX output keeps its dimensions, e.g. Vector&lt;Single, 1, 512&gt;), since a trainer checks it when scoring.
    /// </summary>
    public static IDataView ToView(ITransformer featurizer, DataViewSchema featurizerInput, float[][] features, IReadOnlyList<string> labels)
    {
        var type = (VectorDataViewType)featurizer.GetOutputSchema(featurizerInput)[FeaturePipeline.FeaturesColumn].Type;
        return new TableDataView(features.Length)
            .AddVector(FeaturePipeline.FeaturesColumn, features, type)
            .AddText(Dataset.LabelColumn, labels);
    }
}
