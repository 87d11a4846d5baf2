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
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation) =>
        Run(featurizer, dataset.ToDataView(includeLabel: false), dataset.Ids, stage, progress, cancellation,
            from => ImageCheck.FirstUndecodable(dataset, from));

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
