using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// The two-label path of the tree heads: the text label mapped to a bool (the first label false, the second true), an
/// ML.NET binary trainer fitted on it (<c>Score</c>, the raw margin, and <c>Probability</c>, of the second label), and
/// its bool <c>PredictedLabel</c> mapped back to <see cref="ClassificationHead.PredictedLabelKey"/> (a key whose values
/// are the two labels) and <see cref="ClassificationHead.PredictedLabel"/> (text): <see cref="ClassificationHead"/>'s contract.
/// </summary>
internal static class BinaryHead
{
    /// <summary>The bool label column the binary trainer reads.</summary>
    public const string LabelBool = "LabelBool";

    /// <summary>Fits <paramref name="trainer"/> (reading <see cref="LabelBool"/> and the context's features) and the label mapping around it.</summary>
    public static ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context, IEstimator<ITransformer> trainer)
    {
        var labels = context.Labels;
        var asBool = ml.Transforms.Conversion.MapValue(LabelBool,
                new[] { new KeyValuePair<string, bool>(labels[0], false), new KeyValuePair<string, bool>(labels[1], true) }, context.LabelColumn)
            .Fit(data).Transform(data);
        return trainer
            .Append(ml.Transforms.Conversion.MapValue(ClassificationHead.PredictedLabelKey,
                new[] { new KeyValuePair<bool, string>(false, labels[0]), new KeyValuePair<bool, string>(true, labels[1]) },
                ClassificationHead.PredictedLabel, treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel, ClassificationHead.PredictedLabelKey))
            .Fit(asBool);
    }
}
