using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Heads;

/// <summary>
/// Fits a classification head on features, with stock ML.NET trainers, so that the fitted head appended to a featurizer
/// gives the saved model's contract: <c>PredictedLabel</c> (the label's text), <c>Score</c> (per-class scores; for the
/// binary FastTree head ML.NET's raw score plus <c>Probability</c>) and <c>PredictedLabelKey</c> (a key whose values are the labels).
/// The label-to-key mapping is fitted apart and is not part of the head, so the saved model needs no label column.
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

    private const string LabelKey = "LabelKey";
    private const string LabelBool = "LabelBool";

    /// <summary>
    /// Fits the head on a view with <paramref name="featureColumn"/> (known-size float vector) and a text <paramref name="labelColumn"/>.
    /// <paramref name="standardize"/>: the lr head first standardises every slot (right for embeddings and numbers, not
    /// for sparse L2-normalised tf-idf rows).
    /// </summary>
    public static ITransformer Fit(MLContext ml, IDataView data, HeadKind kind, IReadOnlyList<string> labels,
        string featureColumn = "Features", string labelColumn = "Label", MlpOptions? mlp = null, IProgress<MlpEpoch>? progress = null,
        bool standardize = true)
    {
        if (labels.Count < 2)
            throw new UserInputException($"Training needs at least two labels; found {labels.Count}{(labels.Count == 1 ? $" ('{labels[0]}')" : "")}.");
        if (kind == HeadKind.FastTree && labels.Count == 2)
            return FitBinaryFastTree(ml, data, labels, featureColumn, labelColumn);
        if (kind == HeadKind.Mlp)
            return MlpHead.Fit(ml, data, labels, featureColumn, labelColumn, mlp ?? new MlpOptions(), progress);

        var keyed = ml.Transforms.Conversion.MapValueToKey(LabelKey, labelColumn, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(data).Transform(data);
        IEstimator<ITransformer> trainer = kind switch
        {
            HeadKind.Lr when standardize => ml.Transforms.NormalizeMeanVariance(featureColumn)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelKey, featureColumn)),
            // scikit-learn's LogisticRegression defaults (L2 with C = 1, no L1), which tf-idf users know.
            HeadKind.Lr => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelKey, featureColumn, l1Regularization: 0, l2Regularization: 1),
            HeadKind.FastTree => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(labelColumnName: LabelKey, featureColumnName: featureColumn), LabelKey),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return trainer
            .Append(ml.Transforms.CopyColumns(PredictedLabelKey, PredictedLabel))
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedLabel))
            .Fit(keyed);
    }

    private static ITransformer FitBinaryFastTree(MLContext ml, IDataView data, IReadOnlyList<string> labels, string featureColumn, string labelColumn)
    {
        var asBool = ml.Transforms.Conversion.MapValue(LabelBool,
                new[] { new KeyValuePair<string, bool>(labels[0], false), new KeyValuePair<string, bool>(labels[1], true) }, labelColumn)
            .Fit(data).Transform(data);
        return ml.BinaryClassification.Trainers.FastTree(LabelBool, featureColumn)
            .Append(ml.Transforms.Conversion.MapValue(PredictedLabelKey,
                new[] { new KeyValuePair<bool, string>(false, labels[0]), new KeyValuePair<bool, string>(true, labels[1]) },
                PredictedLabel, treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedLabel, PredictedLabelKey))
            .Fit(asBool);
    }
}
