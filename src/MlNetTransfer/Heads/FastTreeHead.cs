using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>fasttree</c>: ML.NET's FastTree gradient-boosted trees (default 100 trees of 20 leaves): one binary model for
/// two labels (<c>Score</c> is then its raw margin and <c>Probability</c> the calibrated probability of the second
/// label), one-versus-all for more. Trees need no standardisation; <see cref="HeadTrainingContext.Standardize"/> is ignored.
/// </summary>
public sealed class FastTreeHead : IHeadTrainer
{
    /// <inheritdoc />
    public string Name => "fasttree";

    /// <inheritdoc />
    public string Description => "FastTree gradient-boosted trees (binary, or one-versus-all)";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        if (context.Labels.Count == 2) return FitBinary(ml, data, context);
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        return ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(labelColumnName: ClassificationHead.LabelKey, featureColumnName: context.FeatureColumn),
                ClassificationHead.LabelKey)
            .Append(ClassificationHead.KeyToLabel(ml))
            .Fit(keyed);
    }

    private const string LabelBool = "LabelBool";

    private static ITransformer FitBinary(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        var labels = context.Labels;
        var asBool = ml.Transforms.Conversion.MapValue(LabelBool,
                new[] { new KeyValuePair<string, bool>(labels[0], false), new KeyValuePair<string, bool>(labels[1], true) }, context.LabelColumn)
            .Fit(data).Transform(data);
        return ml.BinaryClassification.Trainers.FastTree(LabelBool, context.FeatureColumn)
            .Append(ml.Transforms.Conversion.MapValue(ClassificationHead.PredictedLabelKey,
                new[] { new KeyValuePair<bool, string>(false, labels[0]), new KeyValuePair<bool, string>(true, labels[1]) },
                ClassificationHead.PredictedLabel, treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel, ClassificationHead.PredictedLabelKey))
            .Fit(asBool);
    }
}
