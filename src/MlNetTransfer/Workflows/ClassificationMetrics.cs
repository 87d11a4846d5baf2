using System.Text.Json;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Classification metrics in the shape of <c>--metrics-json</c>. Definitions: accuracy = share of correct predictions;
/// macroAccuracy = mean per-class recall over classes present in the data (ML.NET's definition); macroF1 = mean F1
/// over the model's labels (0 for a label never predicted correctly, as scikit-learn's zero_division=0); logLoss =
/// mean -ln p(true label), p clipped at 1e-15; auc (binary only) = ROC AUC with the second label as positive, ties
/// averaged; confusionMatrix rows = true label, columns = predicted, in <see cref="Labels"/> order.
/// </summary>
public sealed record ClassificationMetrics
{
    public string Task { get; init; } = "";
    public int Examples { get; init; }
    public double Accuracy { get; init; }
    public double MacroAccuracy { get; init; }
    public double MacroF1 { get; init; }
    public double LogLoss { get; init; }
    public double? Auc { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; } = [];

    /// <summary>
    /// True when <paramref name="other"/> describes the same outcome over the same examples: the same task, examples,
    /// labels and confusion matrix (hence every count-based metric), and logLoss and AUC within
    /// <paramref name="probabilityTolerance"/> (absolute). Two paths that predict the same labels (the training run's
    /// in-memory features and the saved zip run row by row) compute probabilities with float sums rounded in orders that
    /// depend on the path and the CPU's SIMD width, so those two metrics are compared with a tolerance, not bit for bit.
    /// </summary>
    public bool HasSameOutcomeAs(ClassificationMetrics other, double probabilityTolerance = 1e-6) =>
        Task == other.Task && Examples == other.Examples && Labels.SequenceEqual(other.Labels)
        && ConfusionMatrix.Count == other.ConfusionMatrix.Count
        && ConfusionMatrix.Zip(other.ConfusionMatrix).All(rows => rows.First.SequenceEqual(rows.Second))
        && Accuracy == other.Accuracy && MacroAccuracy == other.MacroAccuracy && MacroF1 == other.MacroF1
        && Math.Abs(LogLoss - other.LogLoss) <= probabilityTolerance
        && (Auc is null ? other.Auc is null : other.Auc is { } auc && Math.Abs(Auc.Value - auc) <= probabilityTolerance);

    public string ToJson() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    public static ClassificationMetrics FromJson(string json) =>
        JsonSerializer.Deserialize<ClassificationMetrics>(json, JsonDefaults.Options) ?? throw new JsonException("empty metrics");

    /// <summary>Computes the metrics; a true label the model does not know is a <see cref="UserInputException"/>.</summary>
    public static ClassificationMetrics Compute(IReadOnlyList<string> labels, IReadOnlyList<string> truth, IReadOnlyList<Prediction> predictions)
    {
        if (truth.Count != predictions.Count) throw new ArgumentException("One true label per prediction is needed.");
        if (truth.Count == 0) throw new UserInputException("There are no examples to evaluate.");
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var unknown = truth.FirstOrDefault(t => !index.ContainsKey(t));
        if (unknown is not null)
            throw new UserInputException($"The data has label '{unknown}', which the model was not trained on (it knows: {string.Join(", ", labels)}).");

        var unlabelled = predictions.FirstOrDefault(p => !index.ContainsKey(p.Predicted));
        if (unlabelled is not null)
            throw new InvalidOperationException($"The model predicted '{unlabelled.Predicted}' for '{unlabelled.Id}', which is none of its labels (scores: {string.Join(", ", unlabelled.Probabilities)}).");

        var k = labels.Count;
        var confusion = new int[k, k];
        double logLoss = 0;
        for (var r = 0; r < truth.Count; r++)
        {
            var t = index[truth[r]];
            confusion[t, index[predictions[r].Predicted]]++;
            logLoss -= Math.Log(Math.Max(predictions[r].Probabilities[t], 1e-15));
        }
        int Row(int c) => Enumerable.Range(0, k).Sum(j => confusion[c, j]);
        int Column(int c) => Enumerable.Range(0, k).Sum(i => confusion[i, c]);
        var correct = Enumerable.Range(0, k).Sum(c => confusion[c, c]);
        var present = Enumerable.Range(0, k).Where(c => Row(c) > 0).ToList();
        var f1 = Enumerable.Range(0, k).Select(c =>
        {
            var tp = confusion[c, c];
            return tp == 0 ? 0.0 : 2.0 * tp / (Row(c) + Column(c));
        });
        return new ClassificationMetrics
        {
            Task = k == 2 ? "binary" : "multiclass",
            Examples = truth.Count,
            Accuracy = (double)correct / truth.Count,
            MacroAccuracy = present.Average(c => (double)confusion[c, c] / Row(c)),
            MacroF1 = f1.Average(),
            LogLoss = logLoss / truth.Count,
            Auc = k == 2 ? RocAuc(truth.Select(t => index[t] == 1).ToList(), predictions.Select(p => (double)p.Probabilities[1]).ToList()) : null,
            Labels = labels,
            ConfusionMatrix = Enumerable.Range(0, k).Select(i => (IReadOnlyList<int>)Enumerable.Range(0, k).Select(j => confusion[i, j]).ToList()).ToList(),
        };
    }

    /// <summary>ROC AUC as the Mann-Whitney statistic with average ranks for ties; NaN when one class is absent.</summary>
    internal static double RocAuc(IReadOnlyList<bool> positive, IReadOnlyList<double> score)
    {
        var order = Enumerable.Range(0, score.Count).OrderBy(i => score[i]).ToArray();
        var ranks = new double[score.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && score[order[j + 1]] == score[order[i]]) j++;
            for (var m = i; m <= j; m++) ranks[order[m]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        double positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var rankSum = Enumerable.Range(0, score.Count).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
