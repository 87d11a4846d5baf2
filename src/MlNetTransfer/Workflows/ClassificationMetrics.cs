using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Classification metrics in the shape of <c>--metrics-json</c>. Definitions: accuracy = share of correct predictions;
/// macroAccuracy = mean per-class recall over classes present in the data (ML.NET's definition); macroF1 = mean F1
/// over the labels present in the true or the predicted labels (scikit-learn's <c>f1_score(y_true, y_pred,
/// average="macro")</c>, whose default labels are <c>unique_labels(y_true, y_pred)</c>; a label of the model that is
/// neither true nor predicted on the data evaluated is left out, one never predicted correctly counts 0); logLoss =
/// mean -ln p(true label), p clipped at 1e-15; auc (binary only) = ROC AUC with the second label as positive, ties
/// averaged; confusionMatrix rows = true label, columns = predicted, in <see cref="Labels"/> order. A metric that is
/// undefined on the data (AUC when it holds one label only; logLoss and AUC when the model gave a non-finite
/// probability) is NaN here, <c>null</c> in the JSON, and its reason is in a sibling field (<see cref="AucUndefined"/>,
/// <see cref="LogLossUndefined"/>); any other non-finite value is written as <c>null</c> too, never a crash.
/// </summary>
public sealed record ClassificationMetrics : IModelMetrics
{
    /// <summary><c>binary</c> when the model has two labels, else <c>multiclass</c>.</summary>
    public string Task { get; init; } = "";
    /// <summary>Number of examples evaluated (after any bad inputs were left out).</summary>
    public int Examples { get; init; }
    /// <summary>Share of examples whose predicted label is the true one, in [0, 1].</summary>
    [JsonConverter(typeof(FiniteOrNull))]
    public double Accuracy { get; init; }
    /// <summary>Mean per-class recall over the classes present in the data (ML.NET's macro accuracy), in [0, 1].</summary>
    [JsonConverter(typeof(FiniteOrNull))]
    public double MacroAccuracy { get; init; }
    /// <summary>
    /// Mean F1 over the labels that are true or predicted for at least one example evaluated (scikit-learn 1.2's
    /// <c>f1_score(y_true, y_pred, average="macro")</c>: its labels default to <c>unique_labels(y_true, y_pred)</c>), a
    /// label never predicted correctly counting 0 (<c>zero_division=0</c>), in [0, 1]. On a subset that holds only some of
    /// the model's classes, labels neither in it nor predicted for it do not pull the mean down; they are absent from
    /// <see cref="MacroAccuracy"/> too. Pinned to scikit-learn 1.2.1 (<c>tests/MlNetTransfer.Tests/Workflows/Fixtures</c>).
    /// </summary>
    [JsonConverter(typeof(FiniteOrNull))]
    public double MacroF1 { get; init; }
    /// <summary>Mean cross-entropy -ln p(true label) in nats, p clipped below at 1e-15; 0 is perfect. NaN (null in the JSON) when a probability is not finite: see <see cref="LogLossUndefined"/>.</summary>
    [JsonConverter(typeof(FiniteOrNull))]
    public double LogLoss { get; init; }
    /// <summary>Why <see cref="LogLoss"/> is undefined (NaN), or null when it is defined.</summary>
    public string? LogLossUndefined { get; init; }
    /// <summary>
    /// Binary models only (null, and left out of the JSON, for multiclass): ROC AUC with <c>Labels[1]</c> as the positive
    /// class, scored by its probability, ties given average ranks; NaN (<c>null</c> in the JSON) when it is undefined:
    /// the data holds only one of the two labels, or a probability is not finite (<see cref="AucUndefined"/> says which).
    /// </summary>
    [JsonConverter(typeof(FiniteOrNullOptional))]
    public double? Auc { get; init; }
    /// <summary>Why <see cref="Auc"/> is undefined (NaN) for a binary model, or null when it is defined or the task is multiclass.</summary>
    public string? AucUndefined { get; init; }
    /// <summary>The model's labels in score order: the order of <see cref="Prediction.Probabilities"/> and of <see cref="ConfusionMatrix"/>'s rows and columns.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>[labels][labels] counts: row = true label, column = predicted label, both in <see cref="Labels"/> order.</summary>
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
        && (Math.Abs(LogLoss - other.LogLoss) <= probabilityTolerance || (double.IsNaN(LogLoss) && double.IsNaN(other.LogLoss)))
        && (Auc is null ? other.Auc is null : other.Auc is { } auc && (Math.Abs(Auc.Value - auc) <= probabilityTolerance || (double.IsNaN(Auc.Value) && double.IsNaN(auc))));

    /// <summary>
    /// The metrics as the <c>--metrics-json</c> file holds them: indented JSON, camelCase names, a multiclass model's
    /// <see cref="Auc"/> and the reasons of defined metrics left out, an undefined (non-finite) metric written as <c>null</c>.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    /// <summary>Reads metrics written by <see cref="ToJson"/> (comments and trailing commas allowed).</summary>
    /// <exception cref="System.Text.Json.JsonException"><paramref name="json"/> is not valid JSON for these metrics, or is <c>null</c>.</exception>
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
        // scikit-learn's labels: unique_labels(y_true, y_pred), the classes true or predicted at least once.
        var f1 = Enumerable.Range(0, k).Where(c => Row(c) > 0 || Column(c) > 0).Select(c =>
        {
            var tp = confusion[c, c];
            return tp == 0 ? 0.0 : 2.0 * tp / (Row(c) + Column(c));
        });
        var nonFinite = predictions.Where(p => p.Probabilities.Any(v => !float.IsFinite(v))).ToList();
        var nonFiniteReason = nonFinite.Count == 0 ? null
            : $"the model gave a non-finite probability for {nonFinite.Count} example(s) (first: '{nonFinite[0].Id}')";
        var presentLabels = labels.Where((_, i) => Row(i) > 0).ToList();
        var aucUndefined = k != 2 ? null
            : presentLabels.Count < 2 ? $"the data holds only one of the two labels ('{presentLabels.Single()}')"
            : nonFiniteReason;
        var meanLogLoss = logLoss / truth.Count;
        return new ClassificationMetrics
        {
            Task = k == 2 ? "binary" : "multiclass",
            Examples = truth.Count,
            Accuracy = (double)correct / truth.Count,
            MacroAccuracy = present.Average(c => (double)confusion[c, c] / Row(c)),
            MacroF1 = f1.Average(),
            LogLoss = meanLogLoss,
            LogLossUndefined = double.IsFinite(meanLogLoss) ? null : nonFiniteReason ?? "it is not a finite number",
            Auc = k != 2 ? null : aucUndefined is not null ? double.NaN
                : RocAuc(truth.Select(t => index[t] == 1).ToList(), predictions.Select(p => (double)p.Probabilities[1]).ToList()),
            AucUndefined = aucUndefined,
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

    /// <summary>Writes a non-finite metric as <c>null</c> (JSON has no NaN) and reads <c>null</c> back as NaN.</summary>
    internal sealed class FiniteOrNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }

    /// <summary><see cref="FiniteOrNull"/> for an optional metric: absent (multiclass AUC) stays null and is left out of the JSON.</summary>
    private sealed class FiniteOrNullOptional : JsonConverter<double?>
    {
        public override bool HandleNull => true;

        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } v && double.IsFinite(v)) writer.WriteNumberValue(v);
            else writer.WriteNullValue();
        }
    }
}
