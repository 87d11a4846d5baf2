using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>Names, directions and values of <see cref="SearchMetric"/>s: the one place that knows them.</summary>
public static class SearchMetrics
{
    /// <summary>The command-line name of <paramref name="metric"/> (<c>accuracy</c>, <c>macro-f1</c>, <c>log-loss</c>, <c>auc</c>, <c>r2</c>, <c>rmse</c>, <c>mae</c>).</summary>
    public static string Name(SearchMetric metric) => metric switch
    {
        SearchMetric.Accuracy => "accuracy",
        SearchMetric.MacroF1 => "macro-f1",
        SearchMetric.LogLoss => "log-loss",
        SearchMetric.Auc => "auc",
        SearchMetric.R2 => "r2",
        SearchMetric.Rmse => "rmse",
        SearchMetric.Mae => "mae",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>Every metric's name, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<SearchMetric>().Select(Name).ToList();

    /// <summary>The metric named <paramref name="name"/> (any case, surrounding spaces ignored), or null.</summary>
    public static SearchMetric? Parse(string? name) =>
        Enum.GetValues<SearchMetric>().Cast<SearchMetric?>().FirstOrDefault(m => string.Equals(Name(m!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a larger value is better (accuracy, macro-F1, AUC, R²), false for the losses and errors.</summary>
    public static bool HigherIsBetter(SearchMetric metric) => metric is SearchMetric.Accuracy or SearchMetric.MacroF1 or SearchMetric.Auc or SearchMetric.R2;

    /// <summary>
    /// The range the metric can take, for a chart's axis: accuracy, macro-F1 and AUC in [0, 1], R² at most 1 (no lower
    /// bound: a model worse than the mean goes below 0), log-loss, RMSE and MAE at least 0 (no upper bound).
    /// </summary>
    public static (double Min, double Max) Range(SearchMetric metric) => metric switch
    {
        SearchMetric.Accuracy or SearchMetric.MacroF1 or SearchMetric.Auc => (0, 1),
        SearchMetric.R2 => (double.NegativeInfinity, 1),
        _ => (0, double.PositiveInfinity),
    };

    /// <summary>The task the metric belongs to.</summary>
    public static LearningTask Task(SearchMetric metric) => metric is SearchMetric.R2 or SearchMetric.Rmse or SearchMetric.Mae ? LearningTask.Regression : LearningTask.Classification;

    /// <summary>The default for a task: accuracy for a classification, R² for a regression.</summary>
    public static SearchMetric Default(LearningTask task) => task == LearningTask.Regression ? SearchMetric.R2 : SearchMetric.Accuracy;

    /// <summary>The metric's value in <paramref name="metrics"/>; NaN when it is undefined there (AUC of a fold with one label, say).</summary>
    public static double Value(SearchMetric metric, IModelMetrics metrics) => (metric, metrics) switch
    {
        (SearchMetric.Accuracy, ClassificationMetrics c) => c.Accuracy,
        (SearchMetric.MacroF1, ClassificationMetrics c) => c.MacroF1,
        (SearchMetric.LogLoss, ClassificationMetrics c) => c.LogLoss,
        (SearchMetric.Auc, ClassificationMetrics c) => c.Auc ?? double.NaN,
        (SearchMetric.R2, RegressionMetrics r) => r.R2,
        (SearchMetric.Rmse, RegressionMetrics r) => r.Rmse,
        (SearchMetric.Mae, RegressionMetrics r) => r.Mae,
        _ => throw new ArgumentException($"The metric '{Name(metric)}' is not one of a {metrics.Task} model's.", nameof(metric)),
    };

    /// <summary>
    /// What is wrong with ranking a <paramref name="task"/> with <paramref name="labels"/> labels by <paramref name="metric"/>,
    /// in the command line's words; null when it fits.
    /// </summary>
    public static string? Problem(SearchMetric metric, LearningTask task, int labels)
    {
        if (Task(metric) != task)
            return $"--optimize {Name(metric)} is a {Task(metric).ToString().ToLowerInvariant()} metric, but the task is {task.ToString().ToLowerInvariant()}: expected one of " +
                string.Join(", ", Enum.GetValues<SearchMetric>().Where(m => Task(m) == task).Select(Name));
        if (metric == SearchMetric.Auc && labels != 2)
            return $"--optimize auc needs two labels (the data has {labels}): use accuracy, macro-f1 or log-loss";
        return null;
    }
}
