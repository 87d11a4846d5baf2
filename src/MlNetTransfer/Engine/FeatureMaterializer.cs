using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Data;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Engine;

/// <summary>
/// Runs a fitted featurizer once over a dataset and keeps the features in memory, so heads fit on them without
/// re-running the backbone (the same effect as a cache checkpoint before the trainable steps).
/// </summary>
internal static class FeatureMaterializer
{
    public static float[][] Run(ITransformer featurizer, Dataset dataset, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var view = featurizer.Transform(dataset.ToDataView(includeLabel: false));
        var features = new float[dataset.Count][];
        var buffer = default(VBuffer<float>);
        ValueGetter<VBuffer<float>>? getter = null;
        RowScan.ForEach(view, dataset.Ids, [FeaturePipeline.FeaturesColumn], stage, (row, i) =>
        {
            getter ??= row.GetGetter<VBuffer<float>>(row.Schema[FeaturePipeline.FeaturesColumn]);
            getter(ref buffer);
            features[i] = buffer.DenseValues().ToArray();
        }, progress, cancellation);
        return features;
    }

    /// <summary>A view of features and labels to fit a head on.</summary>
    public static IDataView ToView(float[][] features, IReadOnlyList<string> labels)
    {
        var size = features.Length == 0 ? 0 : features[0].Length;
        return new TableDataView(features.Length)
            .AddVector(FeaturePipeline.FeaturesColumn, features, size)
            .AddText(Dataset.LabelColumn, labels);
    }
}
