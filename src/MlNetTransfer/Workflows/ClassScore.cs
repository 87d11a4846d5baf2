namespace MlNetTransfer.Workflows;

/// <summary>
/// One class's precision, recall and F1 with its support, as scikit-learn's <c>classification_report</c> gives them
/// (<c>zero_division=0</c>: a class never predicted has precision 0, a class absent from the data recall 0).
/// </summary>
/// <param name="Label">The class.</param>
/// <param name="Support">How many examples of the data have it.</param>
/// <param name="Precision">Correct / predicted as this class, in [0, 1].</param>
/// <param name="Recall">Correct / examples of this class, in [0, 1].</param>
/// <param name="F1">Harmonic mean of precision and recall, in [0, 1].</param>
public sealed record ClassScore(string Label, int Support, double Precision, double Recall, double F1)
{
    /// <summary>Every label's scores from <paramref name="metrics"/>' confusion matrix, in its label order.</summary>
    public static IReadOnlyList<ClassScore> Of(ClassificationMetrics metrics)
    {
        var k = metrics.Labels.Count;
        var scores = new List<ClassScore>(k);
        for (var c = 0; c < k; c++)
        {
            var correct = metrics.ConfusionMatrix[c][c];
            var support = metrics.ConfusionMatrix[c].Sum();
            var predicted = Enumerable.Range(0, k).Sum(r => metrics.ConfusionMatrix[r][c]);
            var precision = predicted == 0 ? 0 : (double)correct / predicted;
            var recall = support == 0 ? 0 : (double)correct / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.Add(new ClassScore(metrics.Labels[c], support, precision, recall, f1));
        }
        return scores;
    }
}
