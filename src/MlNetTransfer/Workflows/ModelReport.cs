using System.Globalization;
using System.Text;
using MlNetTransfer.Charts;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Plots;

namespace MlNetTransfer.Workflows;

/// <summary>
/// <c>--report &lt;dir&gt;</c> of train and evaluate: a self-contained <c>report.md</c> (data summary with class counts and
/// skipped inputs, metrics, per-class precision/recall/F1, the leaderboard of a head search, time by stage) and the PNGs it
/// shows beside it: <c>confusion-matrix.png</c>, <c>per-class.png</c>, <c>embedding-map.png</c> (t-SNE of up to
/// <see cref="MaxMapPoints"/> rows, PCA when there are too few for t-SNE), <c>leaderboard.png</c>; for a regression
/// <c>predicted-vs-actual.png</c> and <c>residuals.png</c> instead of the first two. Every picture is drawn before any
/// file is written; each file is written atomically.
/// </summary>
internal static class ModelReport
{
    /// <summary>The most rows the embedding map draws (a seeded sample beyond; t-SNE's cost grows with n log n).</summary>
    public const int MaxMapPoints = 1000;

    /// <summary>Fewer mapped rows than this are drawn by PCA (t-SNE's default perplexity 30 needs more).</summary>
    public const int MinTsnePoints = 100;

    /// <summary>The report file's name in the folder.</summary>
    public const string FileName = "report.md";

    /// <summary>Checks that <paramref name="dir"/> can hold the report (creates it); a <see cref="UserInputException"/> naming it otherwise.</summary>
    public static string Prepare(string dir)
    {
        if (string.IsNullOrWhiteSpace(dir)) throw new UserInputException("The report folder must be named.");
        var full = Path.GetFullPath(dir);
        if (File.Exists(full)) throw new UserInputException($"The report folder '{full}' is a file; --report names a folder.");
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"Cannot create the report folder '{full}': {e.Message}");
        }
        AtomicFile.CheckWritable(Path.Combine(full, FileName), "report");
        return full;
    }

    /// <summary>Writes the report into <paramref name="dir"/> (see <see cref="Prepare"/>); returns the path of report.md.</summary>
    public static string Write(string dir, ReportContent content, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        progress?.Report(new WorkflowProgress("Writing report", 0, 1));
        var pictures = new List<(string File, string Caption, byte[] Png)>();
        var md = new StringBuilder();
        md.AppendLine($"# {content.Title}").AppendLine();
        md.AppendLine($"Model: `{content.ModelPath}`  ").AppendLine(Invariant($"Written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by mlnet-transfer.")).AppendLine();
        DataSummary(md, content);
        Metrics(md, content, pictures);
        if (content.Search is { } search) Leaderboard(md, search, pictures);
        Map(md, content, pictures, cancellation);
        Stages(md, content.Stages);
        foreach (var (file, _, png) in pictures) AtomicFile.WriteBytes(Path.Combine(dir, file), png);
        var path = Path.Combine(dir, FileName);
        AtomicFile.WriteText(path, md.ToString());
        progress?.Report(new WorkflowProgress("Writing report", 1, 1, $"{path} and {pictures.Count} pictures"));
        return path;
    }

    private static void DataSummary(StringBuilder md, ReportContent content)
    {
        md.AppendLine("## Data").AppendLine();
        foreach (var (name, data) in content.Sets)
            md.AppendLine(Invariant($"- {name}: `{data.Source}`, {data.Count} examples"));
        md.AppendLine();
        // A regression's labels are numbers (its Labels hold them as text too): summarised, never counted as classes.
        if (content.Metrics is RegressionMetrics || content.Sets.Any(s => s.Data.Task == LearningTask.Regression))
        {
            if (content.Sets.All(s => s.Data.Targets is not null))
            {
                md.AppendLine("| data | examples | label mean | sd (population) | min | max |").AppendLine("|---|---:|---:|---:|---:|---:|");
                foreach (var (name, data) in content.Sets)
                {
                    var t = data.Targets!;
                    var mean = t.Average(v => (double)v);
                    var sd = Math.Sqrt(t.Average(v => (v - mean) * (v - mean)));
                    md.AppendLine(Invariant($"| {name} | {t.Count} | {mean:G5} | {sd:G5} | {t.Min():G5} | {t.Max():G5} |"));
                }
                md.AppendLine();
            }
        }
        else if (content.Sets.All(s => s.Data.Labels is not null))
        {
            var labels = content.Sets.SelectMany(s => s.Data.Labels!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            md.AppendLine("| class | " + string.Join(" | ", content.Sets.Select(s => s.Name)) + " |");
            md.AppendLine("|---|" + string.Concat(content.Sets.Select(_ => "---:|")));
            foreach (var label in labels)
                md.AppendLine($"| {Cell(label)} | " + string.Join(" | ", content.Sets.Select(s => s.Data.Labels!.Count(l => l == label).ToString(CultureInfo.InvariantCulture))) + " |");
            md.AppendLine();
        }
        if (content.Skipped.Count > 0)
        {
            md.AppendLine(Invariant($"Skipped {content.Skipped.Count} unreadable input(s) (`--on-bad-input skip`):")).AppendLine();
            foreach (var (data, bad) in content.Skipped.Take(20)) md.AppendLine($"- {Cell(bad.Describe(data))}");
            if (content.Skipped.Count > 20) md.AppendLine(Invariant($"- … and {content.Skipped.Count - 20} more"));
            md.AppendLine();
        }
        else md.AppendLine("No input was skipped.").AppendLine();
    }

    private static void Metrics(StringBuilder md, ReportContent content, List<(string, string, byte[])> pictures)
    {
        md.AppendLine($"## Metrics ({content.MetricsOn})").AppendLine();
        switch (content.Metrics)
        {
            case ClassificationMetrics c:
                md.AppendLine("| metric | value |").AppendLine("|---|---:|");
                md.AppendLine($"| accuracy | {F(c.Accuracy)} |").AppendLine($"| macro accuracy | {F(c.MacroAccuracy)} |").AppendLine($"| macro F1 | {F(c.MacroF1)} |");
                md.AppendLine($"| log-loss | {F(c.LogLoss)} |");
                if (c.Auc is { } auc) md.AppendLine($"| AUC | {F(auc)} |");
                md.AppendLine();
                var scores = ClassScore.Of(c);
                md.AppendLine("### Per class").AppendLine().AppendLine("| class | support | precision | recall | F1 |").AppendLine("|---|---:|---:|---:|---:|");
                foreach (var s in scores) md.AppendLine(Invariant($"| {Cell(s.Label)} | {s.Support} | {F(s.Precision)} | {F(s.Recall)} | {F(s.F1)} |"));
                md.AppendLine();
                Picture(md, pictures, "confusion-matrix.png", "Confusion matrix (rows: true class; each cell: count and share of the row)",
                    ConfusionMatrixChart.Create(c.Labels, c.ConfusionMatrix));
                Picture(md, pictures, "per-class.png", "Precision, recall and F1 per class",
                    ClassScoresChart.Create(scores.Select(s => s.Label).ToList(), scores.Select(s => s.Precision).ToList(), scores.Select(s => s.Recall).ToList(), scores.Select(s => s.F1).ToList()));
                break;
            case RegressionMetrics r:
                md.AppendLine("| metric | value |").AppendLine("|---|---:|");
                md.AppendLine($"| R² | {F(r.R2)} |").AppendLine($"| MAE | {F(r.Mae)} |").AppendLine($"| RMSE | {F(r.Rmse)} |");
                md.AppendLine($"| label mean | {F(r.LabelMean)} |").AppendLine($"| label std (population) | {F(r.LabelStd)} |").AppendLine();
                if (content.Truth.Count > 0)
                {
                    Picture(md, pictures, "predicted-vs-actual.png", "Predicted vs actual (the dashed line is a perfect fit)",
                        RegressionCharts.PredictedVsActual(content.Truth, content.Predicted, "value", r.R2Undefined is null ? r.R2 : null, r.Mae));
                    Picture(md, pictures, "residuals.png", "Residuals (predicted − actual), binned as numpy's bins=\"auto\"", RegressionCharts.Residuals(content.Truth, content.Predicted, "value"));
                }
                break;
        }
    }

    private static void Leaderboard(StringBuilder md, HeadSearchResult search, List<(string, string, byte[])> pictures)
    {
        var metric = SearchMetrics.Name(search.Metric);
        md.AppendLine("## Head search (`--trainer auto`)").AppendLine();
        md.AppendLine(Invariant($"Ranked by {metric} ({search.Method}; the folds column says how many scores each mean rests on); {search.Seconds:0.0} s of a {search.Budget.TotalSeconds:0.#} s budget. The winner, **{search.Winner.DisplayName}**, was refitted on all training data and saved.")).AppendLine();
        md.AppendLine($"| rank | candidate | {metric} mean | sd | folds | fit s | status |").AppendLine("|---:|---|---:|---:|---:|---:|---|");
        var rank = 0;
        foreach (var e in search.Leaderboard)
            md.AppendLine(Invariant($"| {(e.IsComplete ? (++rank).ToString(CultureInfo.InvariantCulture) : "")} | {Cell(e.Candidate.DisplayName)} | {F(e.Mean)} | {F(e.StandardDeviation)} | {e.FoldScores.Count} | {e.FitSeconds:0.0} | {Cell(e.Status)} |"));
        md.AppendLine();
        var complete = search.Leaderboard.Where(e => e.IsComplete).ToList();
        Picture(md, pictures, "leaderboard.png", "Cross-validated score of each candidate that finished (mean ± sd over its folds, their number beside its name; the axis is zoomed to the results)",
            LeaderboardChart.Create(complete.Select(e => e.Candidate.DisplayName).ToList(), complete.Select(e => e.Mean).ToList(), complete.Select(e => e.StandardDeviation).ToList(),
                complete.Select(e => e.FoldScores.Count).ToList(), metric, search.ShortMethod, SearchMetrics.Range(search.Metric)));
    }

    private static void Map(StringBuilder md, ReportContent content, List<(string, string, byte[])> pictures, CancellationToken cancellation)
    {
        md.AppendLine("## Embedding map").AppendLine();
        if (content.MapFeatures.Count < 3)
        {
            md.AppendLine($"No map: {content.NoMapReason ?? "fewer than 3 rows"}.").AppendLine();
            return;
        }
        var rows = Enumerable.Range(0, content.MapFeatures.Count).ToArray();
        if (rows.Length > MaxMapPoints)
        {
            new Random(content.Seed).Shuffle(rows);
            rows = [.. rows.Take(MaxMapPoints).Order()];
        }
        var features = rows.Select(i => content.MapFeatures[i]).ToList();
        var labels = rows.Select(i => content.MapLabels[i]).ToList();
        var map = features.Count >= MinTsnePoints && features[0].Length >= 2 ? MapMethod.Tsne : MapMethod.Pca;
        var points = PlotWorkflow.Map(features, map, new TsneOptions { Seed = content.Seed }, null, cancellation);
        var method = map == MapMethod.Tsne ? "t-SNE" : "PCA";
        var (groups, order) = PlotWorkflow.Groups(labels, content.Metrics is RegressionMetrics);
        var sampled = rows.Length < content.MapFeatures.Count ? Invariant($", a seeded sample of {rows.Length} of {content.MapFeatures.Count}") : "";
        Picture(md, pictures, "embedding-map.png",
            Invariant($"{method} of the features the head sees, {content.MetricsOn}{sampled}, coloured by true label"),
            EmbeddingMapChart.Create(groups, points, Invariant($"{method} of the head's input features ({features.Count} points)"), method == "PCA" ? "PC" : "t-SNE", order));
    }

    private static void Stages(StringBuilder md, IReadOnlyList<StageTime> stages)
    {
        if (stages.Count == 0) return;
        md.AppendLine("## Time by stage").AppendLine().AppendLine("| stage | seconds |").AppendLine("|---|---:|");
        // The search's candidates are one stage here; the leaderboard has each one's time.
        var grouped = stages.GroupBy(s => s.Stage.StartsWith("Trying ", StringComparison.Ordinal) ? "Head search: cross-validating candidates" : s.Stage)
            .Select(g => (Stage: g.Key, Seconds: g.Sum(s => s.Seconds)));
        foreach (var (stage, seconds) in grouped) md.AppendLine(Invariant($"| {Cell(stage)} | {seconds:0.0} |"));
        md.AppendLine();
    }

    private static void Picture(StringBuilder md, List<(string File, string Caption, byte[] Png)> pictures, string file, string caption, Chart chart)
    {
        pictures.Add((file, caption, ChartFile.Render(chart)));
        md.AppendLine($"![{caption}]({file})").AppendLine().AppendLine($"*{caption}*").AppendLine();
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Text safe inside a Markdown table cell: pipes escaped, line breaks as spaces.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
