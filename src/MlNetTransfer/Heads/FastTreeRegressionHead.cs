using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>fasttree</c>: ML.NET's FastTree gradient-boosted regression trees (default 100 trees of 20 leaves, least squares).
/// Trees need no standardisation; <see cref="RegressionHeadContext.Standardize"/> is ignored.
/// </summary>
public sealed class FastTreeRegressionHead : IRegressionHeadTrainer
{
    /// <inheritdoc />
    public string Name => "fasttree";

    /// <inheritdoc />
    public string Description => "FastTree gradient-boosted regression trees";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context) =>
        ml.Regression.Trainers.FastTree(context.LabelColumn, context.FeatureColumn).Fit(data);
}
