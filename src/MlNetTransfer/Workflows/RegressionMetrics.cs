using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Regression metrics in the shape of <c>--metrics-json</c>: <c>{"task": "regression", "examples", "r2", "mae", "rmse",
/// "labelMean", "labelStd"}</c>. Definitions, with y the true labels, p the predictions and n the examples (sums in
/// double): r2 = 1 - Σ(y - p)² / Σ(y - mean y)² (scikit-learn's <c>r2_score</c>: 1 is perfect, 0 is predicting the
/// mean, below 0 worse than that); mae = Σ|y - p| / n; rmse = √(Σ(y - p)² / n); labelMean = mean y and labelStd = the
/// <b>population</b> standard deviation √(Σ(y - mean y)² / n) (numpy's <c>std</c>, ddof 0), so that
/// rmse² = (1 - r2) · labelStd² and an rmse can be read against the label's own spread. As in
/// <see cref="ClassificationMetrics"/>, a metric undefined on the data is NaN here, <c>null</c> in the JSON, with its
/// reason in a sibling field: r2 when the test labels are all the same number (scikit-learn then returns 1 or 0 by
/// convention; here it is <c>null</c>, <see cref="R2Undefined"/>), r2, mae and rmse when the model gave a non-finite
/// prediction.
/// </summary>
public sealed record RegressionMetrics : IModelMetrics
{
    /// <summary>
    /// The default tolerance of <see cref="HasSameOutcomeAs"/>: 1e-5, relative (to max(1, |value|)). The training run and
    /// the saved zip compute the same features with float sums rounded in path- and CPU-dependent orders (tf-idf rows
    /// agree to 1e-6), so predictions agree to about 1e-6 relative, not bit for bit.
    /// </summary>
    public const double DefaultTolerance = 1e-5;

    /// <summary>Always <c>regression</c>.</summary>
    public string Task { get; init; } = "regression";

    /// <summary>Number of examples evaluated (after any bad inputs were left out).</summary>
    public int Examples { get; init; }

    /// <summary>Coefficient of determination, 1 - Σ(y - p)² / Σ(y - mean y)² (scikit-learn's <c>r2_score</c>); at most 1, can be negative. NaN (null in the JSON) when undefined: <see cref="R2Undefined"/>.</summary>
    [JsonConverter(typeof(ClassificationMetrics.FiniteOrNull))]
    public double R2 { get; init; }

    /// <summary>Why <see cref="R2"/> is undefined (the test labels are constant, or a prediction is not finite), or null when it is defined.</summary>
    public string? R2Undefined { get; init; }

    /// <summary>Mean absolute error, in the label's units. NaN (null in the JSON) when a prediction is not finite: <see cref="MaeUndefined"/>.</summary>
    [JsonConverter(typeof(ClassificationMetrics.FiniteOrNull))]
    public double Mae { get; init; }

    /// <summary>Why <see cref="Mae"/> is undefined, or null when it is defined.</summary>
    public string? MaeUndefined { get; init; }

    /// <summary>Root mean squared error, in the label's units. NaN (null in the JSON) when a prediction is not finite: <see cref="RmseUndefined"/>.</summary>
    [JsonConverter(typeof(ClassificationMetrics.FiniteOrNull))]
    public double Rmse { get; init; }

    /// <summary>Why <see cref="Rmse"/> is undefined, or null when it is defined.</summary>
    public string? RmseUndefined { get; init; }

    /// <summary>The mean of the true labels, for scale.</summary>
    [JsonConverter(typeof(ClassificationMetrics.FiniteOrNull))]
    public double LabelMean { get; init; }

    /// <summary>The population standard deviation of the true labels (ddof 0), for scale: the rmse of always predicting <see cref="LabelMean"/>.</summary>
    [JsonConverter(typeof(ClassificationMetrics.FiniteOrNull))]
    public double LabelStd { get; init; }

    /// <summary>
    /// True when <paramref name="other"/> describes the same outcome over the same examples: the same task and examples,
    /// and r2, mae, rmse, labelMean and labelStd each within <paramref name="tolerance"/> relative to max(1, |value|)
    /// (undefined on both sides counts as equal). The true labels are the same numbers on both paths, so labelMean and
    /// labelStd agree exactly; the predictions are floats computed by two paths (see <see cref="DefaultTolerance"/>).
    /// </summary>
    public bool HasSameOutcomeAs(RegressionMetrics other, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        static bool Close(double a, double b, double tolerance) =>
            double.IsNaN(a) ? double.IsNaN(b) : !double.IsNaN(b) && Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
        return Task == other.Task && Examples == other.Examples
            && Close(R2, other.R2, tolerance) && Close(Mae, other.Mae, tolerance) && Close(Rmse, other.Rmse, tolerance)
            && Close(LabelMean, other.LabelMean, tolerance) && Close(LabelStd, other.LabelStd, tolerance);
    }

    /// <summary>The metrics as the <c>--metrics-json</c> file holds them: indented JSON, camelCase names, reasons of defined metrics left out, an undefined metric written as <c>null</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonDefaults.Options);

    /// <summary>Reads metrics written by <see cref="ToJson"/> (comments and trailing commas allowed).</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not valid JSON for these metrics, or is <c>null</c>.</exception>
    public static RegressionMetrics FromJson(string json) =>
        JsonSerializer.Deserialize<RegressionMetrics>(json, JsonDefaults.Options) ?? throw new JsonException("empty metrics");

    /// <summary>
    /// Computes the metrics of <paramref name="predictions"/> against the true labels <paramref name="truth"/> (one per
    /// prediction, in order). A <see cref="UserInputException"/> when there are no examples.
    /// </summary>
    public static RegressionMetrics Compute(IReadOnlyList<float> truth, IReadOnlyList<RegressionPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        if (truth.Count != predictions.Count) throw new ArgumentException("One true label per prediction is needed.");
        if (truth.Count == 0) throw new UserInputException("There are no examples to evaluate.");
        var n = truth.Count;
        var mean = truth.Sum(y => (double)y) / n;
        var ssTotal = truth.Sum(y => (y - mean) * (y - mean));
        double absolute = 0, squared = 0;
        for (var i = 0; i < n; i++)
        {
            var error = (double)truth[i] - predictions[i].Value;
            absolute += Math.Abs(error);
            squared += error * error;
        }
        var nonFinite = predictions.Where(p => !float.IsFinite(p.Value)).ToList();
        var predictionsUndefined = nonFinite.Count == 0 ? null
            : $"the model gave a non-finite prediction for {nonFinite.Count} example(s) (first: '{nonFinite[0].Id}')";
        var r2Undefined = predictionsUndefined ?? (ssTotal > 0 ? null
            : $"the {(n == 1 ? "one test label is" : "test labels are all")} {truth[0].ToString("R", CultureInfo.InvariantCulture)}: R² divides by their variance, 0");
        return new RegressionMetrics
        {
            Examples = n,
            R2 = r2Undefined is null ? 1 - squared / ssTotal : double.NaN,
            R2Undefined = r2Undefined,
            Mae = predictionsUndefined is null ? absolute / n : double.NaN,
            MaeUndefined = predictionsUndefined,
            Rmse = predictionsUndefined is null ? Math.Sqrt(squared / n) : double.NaN,
            RmseUndefined = predictionsUndefined,
            LabelMean = mean,
            LabelStd = Math.Sqrt(ssTotal / n),
        };
    }
}
