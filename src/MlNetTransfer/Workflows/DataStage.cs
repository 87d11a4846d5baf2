using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>
/// The load-and-screen stage every workflow shares: a dataset loaded and its unreadable images found before any
/// backbone runs (the run fails at once, or leaves them out under <see cref="BadInputPolicy.Skip"/>), and the
/// bad-input report written next to the output.
/// </summary>
internal static class DataStage
{
    /// <summary>Loads <paramref name="path"/> and screens it; the skipped inputs are added to <paramref name="skipped"/>.</summary>
    public static Dataset LoadScreened(string path, DatasetOptions options, List<(Dataset Data, BadInput Bad)> skipped, CancellationToken cancellation)
    {
        var loaded = DatasetLoader.Load(path, options);
        var (clean, bad) = BadInputScreen.Screen(loaded, options.OnBadInput, cancellation, options.MaxImagePixels);
        skipped.AddRange(bad.Select(b => (loaded, b)));
        return clean;
    }

    /// <summary>
    /// Writes (or removes) the bad-input report of <paramref name="output"/> and reports the count; returns the report's
    /// path when something was skipped, else null.
    /// </summary>
    public static string? ReportSkipped(string output, IReadOnlyList<(Dataset Data, BadInput Bad)> skipped, IProgress<WorkflowProgress>? progress)
    {
        var reportPath = BadInputScreen.ReportPathFor(output);
        BadInputScreen.WriteReport(reportPath, skipped);
        if (skipped.Count == 0) return null;
        progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{skipped.Count} unreadable examples left out; listed in {reportPath}"));
        return reportPath;
    }

    /// <summary>The loader's options for the training data of <paramref name="options"/> (labels required; labels must repeat).</summary>
    public static DatasetOptions Columns(TrainOptions options) =>
        Columns(options.Label, options.ImageColumns, options.TextColumns, options.NumericColumns, options.OnBadInput) with
        {
            CategoricalColumns = options.CategoricalColumns,
            SeriesColumns = options.SeriesColumns,
            IgnoreColumns = options.IgnoreColumns,
            Separator = options.Separator,
            MaxImagePixels = options.MaxImagePixels,
            IsTrainingData = true,
            Task = options.Task,
        };

    /// <summary>The loader's options for the data of <paramref name="options"/> (labels optional).</summary>
    public static DatasetOptions Columns(FeaturizeOptions options) =>
        Columns(options.Label, options.ImageColumns, options.TextColumns, options.NumericColumns, options.OnBadInput, requireLabels: false) with
        {
            CategoricalColumns = options.CategoricalColumns,
            SeriesColumns = options.SeriesColumns,
            IgnoreColumns = options.IgnoreColumns,
            Separator = options.Separator,
            MaxImagePixels = options.MaxImagePixels,
        };

    /// <summary>The loader's options for the columns an options record names.</summary>
    public static DatasetOptions Columns(string? label, IReadOnlyList<string> images, IReadOnlyList<string> texts, IReadOnlyList<string> numerics,
        BadInputPolicy onBadInput, bool requireLabels = true) => new()
    {
        LabelColumn = label,
        ImageColumns = images,
        TextColumns = texts,
        NumericColumns = numerics,
        OnBadInput = onBadInput,
        RequireLabels = requireLabels,
    };

    /// <summary>
    /// Reports what loading decided about each dataset (<see cref="Dataset.Notes"/>: the role of every column and why, files
    /// that are not images), each line once, as a "Data" progress message; called before featurizing.
    /// </summary>
    public static void ReportNotes(IProgress<WorkflowProgress>? progress, params Dataset[] datasets)
    {
        foreach (var note in datasets.SelectMany(d => d.Notes).Distinct(StringComparer.Ordinal))
            progress?.Report(new WorkflowProgress("Data", 1, 1, note));
    }

    /// <summary>Options that load a second file with the training data's columns, roles and task (a regression's labels must be numbers there too).</summary>
    public static DatasetOptions SameColumns(Dataset reference, string? label, char? separator = null) => new()
    {
        LabelColumn = label,
        Task = reference.Task == LearningTask.Regression ? LearningTask.Regression : null,
        Separator = separator,
        ImageColumns = reference.Columns.Where(c => c.Role == ColumnRole.Image).Select(c => c.Name).ToList(),
        TextColumns = reference.Columns.Where(c => c.Role == ColumnRole.Text).Select(c => c.Name).ToList(),
        NumericColumns = reference.Columns.Where(c => c.Role == ColumnRole.Numeric).Select(c => c.Name).ToList(),
        CategoricalColumns = reference.Columns.Where(c => c.Role == ColumnRole.Categorical).Select(c => c.Name).ToList(),
        // A series column by its name; a group by its columns, in order (a prefix could match other columns there).
        SeriesColumns = reference.Columns.Where(c => c.Role == ColumnRole.Series).GroupBy(c => c.Group ?? "\0" + c.Name)
            .Select(g => g.First().Group is null ? g.First().Name : string.Join(",", g.Select(c => c.Name)) + (g.Count() == 1 ? "," : "")).ToList(),
    };
}
