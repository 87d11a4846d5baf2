using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Heads;

/// <summary>
/// The output contract every regression head honours, and the one way to fit one
/// (<see cref="Fit(MLContext, IDataView, IRegressionHeadTrainer, RegressionHeadContext)"/>): appended to a featurizer, a
/// fitted head gives <c>Score</c>, a float scalar, the predicted number in the label's units — what ML.NET's own
/// regression trainers give, so <c>ml.Regression.Evaluate</c> and a plain ML.NET app read it as they read theirs. The
/// saved model needs no label column.
/// </summary>
public static class RegressionHead
{
    /// <summary>Output column: the prediction, a float.</summary>
    public const string Score = "Score";

    /// <summary>
    /// Labels all smaller than this in magnitude are refused: in float, (1e-20)² underflows to 0 and an intercept under
    /// 2^-75 cannot be set exactly (<see cref="ExactLinearModel"/>), so the <c>linear</c> head's fit on Seattle's weather
    /// scaled by 1e-25 came out with R² −15.6 where every larger scale gives 0.46. Scaled by 1e-14 the fit is the
    /// unscaled one's (RegressionHeadTests).
    /// </summary>
    public const float SmallestLabelScale = 1e-15f;

    /// <summary>
    /// Fits <paramref name="head"/> on a view with the context's feature column (known-size float vector) and float label
    /// column. A <see cref="UserInputException"/> when the label is constant or not finite (nothing to learn) or every
    /// label is below <see cref="SmallestLabelScale"/> in magnitude; an
    /// <see cref="InvalidOperationException"/> (a bug in the head) when the fitted head breaks the output contract.
    /// </summary>
    public static ITransformer Fit(MLContext ml, IDataView data, IRegressionHeadTrainer head, RegressionHeadContext context)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(context);
        if (data.Schema.GetColumnOrNull(context.LabelColumn) is not { Type: var type } || type != NumberDataViewType.Single)
            throw new ArgumentException($"The label column '{context.LabelColumn}' must be a float (Single) column.", nameof(data));
        var labels = data.GetColumn<float>(context.LabelColumn).ToList();
        if (labels.Count == 0) throw new UserInputException("Training needs at least one example; the data has none.");
        if (labels.FirstOrDefault(l => !float.IsFinite(l)) is var bad && !float.IsFinite(bad))
            throw new UserInputException($"The label column '{context.LabelColumn}' holds a value that is not a finite number ({bad}).");
        if (labels.All(l => l == labels[0]))
            throw new UserInputException($"Every training label is {labels[0]}: a regression needs labels that vary.");
        if (labels.Max(MathF.Abs) is var largest && largest < SmallestLabelScale)
            throw new UserInputException($"Every training label is below {SmallestLabelScale:0e0} in magnitude (the largest is {largest:G3}): the heads compute in " +
                "32-bit floats, where the squares and the intercept of numbers this small underflow and the fit comes out wrong. " +
                $"Multiply the label by a power of ten (e.g. 1e{-(int)Math.Floor(Math.Log10(largest))}) and divide the predictions by it.");
        var fitted = head.Fit(ml, data, context);
        CheckContract(head, fitted, data.Schema, context);
        return fitted;
    }

    /// <summary>Fits the registered regression head named <paramref name="name"/> (see <see cref="RegressionHeadRegistry.Default"/>).</summary>
    public static ITransformer Fit(MLContext ml, IDataView data, string name, RegressionHeadContext context) =>
        Fit(ml, data, RegressionHeadRegistry.Default.Get(name), context);

    /// <summary>The contract, on the schema a saved model gives the head (no label): it must not read the label; <c>Score</c> a float.</summary>
    private static void CheckContract(IRegressionHeadTrainer head, ITransformer fitted, DataViewSchema trainingSchema, RegressionHeadContext context)
    {
        var output = ClassificationHead.OutputWithoutLabel($"Regression head '{head.Name}'", fitted, trainingSchema, context.LabelColumn);
        if (output.GetColumnOrNull(Score) is not { Type: var score } || score != NumberDataViewType.Single)
            throw new InvalidOperationException($"Regression head '{head.Name}' breaks the output contract: '{Score}' must be a float scalar " +
                $"(got {output.GetColumnOrNull(Score)?.Type.ToString() ?? "no such column"}).");
    }
}
