using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>lr</c>: multinomial logistic regression, ML.NET's <c>LbfgsMaximumEntropy</c>. With standardisation
/// (<see cref="HeadTrainingContext.Standardize"/>): <c>NormalizeMeanVariance</c> first and ML.NET's default
/// regularisation (L1 = L2 = 1); without (sparse tf-idf rows): scikit-learn's <c>LogisticRegression</c> defaults,
/// L2 with C = 1 and no L1, which tf-idf users know.
/// </summary>
public sealed class LogisticRegressionHead : IHeadTrainer
{
    /// <inheritdoc />
    public string Name => "lr";

    /// <inheritdoc />
    public string Description => "multinomial logistic regression (L-BFGS) on standardised features";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        IEstimator<ITransformer> trainer = context.Standardize
            ? ml.Transforms.NormalizeMeanVariance(context.FeatureColumn)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(ClassificationHead.LabelKey, context.FeatureColumn))
            : ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(ClassificationHead.LabelKey, context.FeatureColumn, l1Regularization: 0, l2Regularization: 1);
        return trainer.Append(ClassificationHead.KeyToLabel(ml)).Fit(keyed);
    }
}
