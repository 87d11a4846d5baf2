using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>linear</c>: linear least squares with an L2 penalty (ridge regression) by ML.NET's SDCA regression trainer, on
/// standardised features (<c>NormalizeMeanVariance</c>, unless <see cref="RegressionHeadContext.Standardize"/> is false for
/// sparse tf-idf parts). Ordinary least squares without a penalty would need Microsoft.ML.Mkl.Components, which is not
/// available here; a small penalty is also what scikit-learn users reach for (Ridge / RidgeCV).
/// </summary>
/// <param name="L2Regularization">The L2 penalty's strength (ML.NET's SDCA <c>l2Regularization</c>, per example); null: SDCA's own choice from the data.</param>
public sealed class LinearRegressionHead(float? L2Regularization = null) : IRegressionHeadTrainer
{
    /// <summary>The L2 strength given at construction; null: SDCA's default.</summary>
    public float? L2Regularization { get; } = L2Regularization;

    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public string Description => "linear regression with an L2 penalty (SDCA) on standardised features";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        var sdca = ml.Regression.Trainers.Sdca(context.LabelColumn, context.FeatureColumn, l2Regularization: L2Regularization);
        IEstimator<ITransformer> head = context.Standardize ? ml.Transforms.NormalizeMeanVariance(context.FeatureColumn).Append(sdca) : sdca;
        return head.Fit(data);
    }
}
