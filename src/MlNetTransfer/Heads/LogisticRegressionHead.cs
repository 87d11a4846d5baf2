using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>lr</c>: multinomial logistic regression, ML.NET's <c>LbfgsMaximumEntropy</c>. With standardisation
/// (<see cref="HeadTrainingContext.Standardize"/>): <c>NormalizeMeanVariance</c> first and ML.NET's default
/// regularisation (L1 = L2 = 1); without (sparse tf-idf rows): scikit-learn's <c>LogisticRegression</c> defaults,
/// L2 with C = 1 and no L1, which tf-idf users know. Both strengths weigh the penalty against the sum (not the mean) of
/// the examples' losses, as scikit-learn's <c>C</c> does: L2 = 1/C.
/// </summary>
/// <param name="L1Regularization">L1 penalty weight; null: the default of the mode (1 standardised, 0 on sparse rows).</param>
/// <param name="L2Regularization">L2 penalty weight (1/C in scikit-learn's terms); null: 1.</param>
public sealed class LogisticRegressionHead(float? L1Regularization = null, float? L2Regularization = null) : IHeadTrainer
{
    /// <summary>The L1 weight given at construction; null: the mode's default.</summary>
    public float? L1Regularization { get; } = L1Regularization;

    /// <summary>The L2 weight given at construction; null: 1.</summary>
    public float? L2Regularization { get; } = L2Regularization;

    /// <inheritdoc />
    public string Name => "lr";

    /// <inheritdoc />
    public string Description => "multinomial logistic regression (L-BFGS) on standardised features";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        if (L1Regularization is < 0 || L2Regularization is < 0 || L1Regularization is { } l1 && !float.IsFinite(l1) || L2Regularization is { } l2 && !float.IsFinite(l2))
            throw new UserInputException($"Invalid logistic regression options: L1 and L2 must be finite and non-negative (got L1 {L1Regularization}, L2 {L2Regularization}).");
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(ClassificationHead.LabelKey, context.FeatureColumn,
            l1Regularization: L1Regularization ?? (context.Standardize ? 1f : 0f), l2Regularization: L2Regularization ?? 1f);
        IEstimator<ITransformer> head = context.Standardize
            ? ml.Transforms.NormalizeMeanVariance(context.FeatureColumn).Append(trainer)
            : trainer;
        return head.Append(ClassificationHead.KeyToLabel(ml)).Fit(keyed);
    }
}
