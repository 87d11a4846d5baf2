using Microsoft.ML;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// A feature-space step made of any stock ML.NET estimator on the features column, e.g.
/// <c>new StockFeatureSpaceTransform("pca(16)", (ml, column) =&gt; ml.Transforms.ProjectToPrincipalComponents(column, rank: 16))</c>.
/// The estimator is built for the column it must read and write in place.
/// </summary>
/// <param name="name">A short name for progress and reports.</param>
/// <param name="estimator">Builds the estimator for a context and the features column.</param>
public sealed class StockFeatureSpaceTransform(string name, Func<MLContext, string, IEstimator<ITransformer>> estimator) : IFeatureSpaceTransform
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView trainingFeatures, string featureColumn) =>
        estimator(ml, featureColumn).Fit(trainingFeatures);
}
