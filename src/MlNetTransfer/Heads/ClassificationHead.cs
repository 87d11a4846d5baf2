using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Heads;

/// <summary>
/// The output contract every head honours, and the one way to fit one (<see cref="Fit(MLContext, IDataView, IHeadTrainer, HeadTrainingContext)"/>): appended to a featurizer,
/// a fitted head gives <c>PredictedLabel</c> (the label's text), <c>Score</c> (per-class scores; for the binary
/// FastTree head ML.NET's raw score plus <c>Probability</c>) and <c>PredictedLabelKey</c> (a key whose values are the
/// labels). The label-to-key mapping is fitted apart and is not part of the head, so the saved model needs no label column.
/// </summary>
public static class ClassificationHead
{
    /// <summary>Output column: the predicted label as text.</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>Output column: the predicted label as a key; its key values are the labels in score order.</summary>
    public const string PredictedLabelKey = "PredictedLabelKey";

    /// <summary>Output column: per-class scores (multiclass) or the raw margin (binary FastTree).</summary>
    public const string Score = "Score";

    /// <summary>Output column of the binary FastTree head: calibrated probability of the second label.</summary>
    public const string Probability = "Probability";

    /// <summary>The key column heads train on (<see cref="KeyLabels"/>); not part of a saved model.</summary>
    internal const string LabelKey = "LabelKey";

    /// <summary>The problem with training a classifier on <paramref name="labels"/> (the distinct labels) when there are fewer than two, else null.</summary>
    public static string? TooFewLabels(IReadOnlyList<string> labels) => labels.Count < 2
        ? $"Training needs at least two labels; found {labels.Count}{(labels.Count == 1 ? $" ('{labels[0]}')" : "")}."
        : null;

    /// <summary>
    /// Fits <paramref name="head"/> on a view with the context's feature column (known-size float vector) and text label
    /// column. A <see cref="UserInputException"/> when there are fewer than two labels; an
    /// <see cref="InvalidOperationException"/> (a bug in the head) when the fitted head breaks the output contract.
    /// </summary>
    public static ITransformer Fit(MLContext ml, IDataView data, IHeadTrainer head, HeadTrainingContext context)
    {
        if (TooFewLabels(context.Labels) is { } problem) throw new UserInputException(problem);
        var fitted = head.Fit(ml, data, context);
        CheckContract(head, fitted, data.Schema, context);
        return fitted;
    }

    /// <summary>Fits the registered head named <paramref name="name"/> (see <see cref="HeadRegistry.Default"/>).</summary>
    public static ITransformer Fit(MLContext ml, IDataView data, string name, HeadTrainingContext context) =>
        Fit(ml, data, HeadRegistry.Default.Get(name), context);

    /// <summary>
    /// The contract, checked on the schema a saved model gives the head (the training view without the label column):
    /// it must not read the label; <c>PredictedLabel</c> text; <c>PredictedLabelKey</c> a key whose values are exactly the
    /// context's labels in order (scores are read in that order); <c>Score</c> a float vector of one slot per label, or a
    /// binary head's float margin next to a float <c>Probability</c>.
    /// </summary>
    private static void CheckContract(IHeadTrainer head, ITransformer fitted, DataViewSchema trainingSchema, HeadTrainingContext context)
    {
        var output = OutputWithoutLabel($"Head '{head.Name}'", fitted, trainingSchema, context.LabelColumn);
        var problems = new List<string>();
        if (output.GetColumnOrNull(PredictedLabel) is not { Type: TextDataViewType }) problems.Add($"no text '{PredictedLabel}' column");
        if (output.GetColumnOrNull(PredictedLabelKey) is not { Type: KeyDataViewType } key) problems.Add($"no key '{PredictedLabelKey}' column");
        else
        {
            var values = default(VBuffer<ReadOnlyMemory<char>>);
            if (key.HasKeyValues()) key.GetKeyValues(ref values);
            var keyLabels = values.DenseValues().Select(v => v.ToString()).ToList();
            if (!keyLabels.SequenceEqual(context.Labels))
                problems.Add($"'{PredictedLabelKey}' has the labels [{string.Join(", ", keyLabels)}], not [{string.Join(", ", context.Labels)}] in that order");
        }
        switch (output.GetColumnOrNull(Score)?.Type)
        {
            case null:
                problems.Add($"no '{Score}' column");
                break;
            case VectorDataViewType { ItemType: var item, Size: var size } when item != NumberDataViewType.Single || size != context.Labels.Count:
                problems.Add($"'{Score}' must be a vector of {context.Labels.Count} floats, one per label (got {output[Score].Type})");
                break;
            case VectorDataViewType:
                break;
            case var scalar when scalar != NumberDataViewType.Single || context.Labels.Count != 2
                                 || output.GetColumnOrNull(Probability) is not { Type: var p } || p != NumberDataViewType.Single:
                problems.Add($"a scalar '{Score}' is only for two labels, as a float next to a float '{Probability}'");
                break;
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"Head '{head.Name}' breaks the output contract: {string.Join("; ", problems)}.");
    }

    /// <summary>
    /// The schema <paramref name="fitted"/> gives the training schema without <paramref name="labelColumn"/> (what a saved
    /// model gives a head); an <see cref="InvalidOperationException"/> naming <paramref name="head"/> when it needs the label.
    /// Shared by the classification and regression contracts.
    /// </summary>
    internal static DataViewSchema OutputWithoutLabel(string head, ITransformer fitted, DataViewSchema trainingSchema, string labelColumn)
    {
        try
        {
            return fitted.GetOutputSchema(SchemaColumns.Without(trainingSchema, labelColumn));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"{head} reads the label column '{labelColumn}' at prediction time " +
                $"(a saved model has no label): {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>The data with <see cref="LabelKey"/>: the text labels as a key, ordered by value.</summary>
    internal static IDataView KeyLabels(MLContext ml, IDataView data, HeadTrainingContext context) =>
        ml.Transforms.Conversion.MapValueToKey(LabelKey, context.LabelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data).Transform(data);

    /// <summary>The steps after a multiclass trainer: <see cref="PredictedLabelKey"/> kept, <see cref="PredictedLabel"/> as text.</summary>
    internal static IEstimator<ITransformer> KeyToLabel(MLContext ml) =>
        ml.Transforms.CopyColumns(PredictedLabelKey, PredictedLabel)
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedLabel));
}
