using System.Globalization;
using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Plots;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Plot = featurize a data set (and optionally a second domain) as <c>featurize</c> does, map the features to two
/// dimensions (t-SNE or PCA), and write a scatter coloured by label (or by domain) as a PNG, with the coordinates beside
/// it as CSV (<c>path_or_row,label,x,y</c>, plus <c>domain</c>).
/// </summary>
public static class PlotWorkflow
{
    /// <summary>More distinct labels than this are drawn as ranges (numbers) or as the most frequent labels plus "other".</summary>
    public const int MaxGroups = 20;

    /// <summary>
    /// Runs the plot. Both files are written atomically, after every check and computation succeeded.
    /// </summary>
    /// <exception cref="UserInputException">Bad options (each named), data that cannot be loaded, too few rows for the perplexity.</exception>
    public static PlotResult Run(PlotOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        var picture = AtomicFile.CheckWritable(options.Out, "plot");
        var coordinatesPath = AtomicFile.CheckWritable(options.CoordinatesPath, "coordinates");
        var features = options.Features;

        var (source, target, rows, featurizer) = FeatureFiles.IsFeatures(features.Data)
            ? FromFeatureFiles(options)
            : Featurize(options, picture, progress, cancellation);

        var coordinates = Map(rows, options.Method, options.Tsne, progress, cancellation);
        var ids = target is null ? source.Ids : [.. source.Ids, .. target.Ids];
        var labels = Labels(source, target);
        var domains = target is null ? null : Enumerable.Repeat("source", source.Count).Concat(Enumerable.Repeat("target", target.Count)).ToList();
        var (colours, order) = domains is null ? Groups(labels, source.Task == LearningTask.Regression || IsNumeric(labels)) : (domains, null);

        var (name, axis) = options.Method == MapMethod.Tsne ? ("t-SNE", "t-SNE") : ("PCA", "PC");
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{name} of {featurizer} features: {Path.GetFileName(Path.TrimEndingDirectorySeparator(features.Data))}{(target is null ? "" : $" vs {Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Target!))}")} ({rows.Count} points)");
        var chart = EmbeddingMapChart.Create(colours, coordinates, title, axis, order);
        var png = ChartFile.Render(chart);
        CsvOutput.Write(coordinatesPath, domains is null ? ["path_or_row", "label", "x", "y"] : ["path_or_row", "label", "x", "y", "domain"],
            Enumerable.Range(0, ids.Count).Select(i => (IEnumerable<string>)(domains is null
                ? [ids[i], labels[i], CsvOutput.Number(coordinates[i][0]), CsvOutput.Number(coordinates[i][1])]
                : [ids[i], labels[i], CsvOutput.Number(coordinates[i][0]), CsvOutput.Number(coordinates[i][1]), domains[i]])));
        AtomicFile.WriteBytes(picture, png);
        return new PlotResult(picture, coordinatesPath, ids.Count, chart.Groups.Select(g => g.Label).ToList());
    }

    /// <summary>Stage: load, screen and featurize the data (and target) with the featurizer fitted on the data; the parts' names for the title.</summary>
    private static (Dataset Source, Dataset? Target, List<float[]> Rows, string Featurizer) Featurize(PlotOptions options, string picture,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var features = options.Features;
        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var source = DataStage.LoadScreened(features.Data, DataStage.Columns(features), skipped, cancellation);
        var target = options.Target is null ? null : DomainStage.LoadLike(source, options.Target, features, requireLabels: false, skipped, cancellation);
        DataStage.ReportSkipped(picture, skipped, progress);
        DataStage.ReportNotes(progress, target is null ? [source] : [source, target]);

        using var run = FeatureRun.Start(new MLContext(0), source, features.FeatureRun, progress, cancellation);
        var rows = DomainStage.DenseRows(run, source, "Featurizing");
        if (target is not null) rows.AddRange(DomainStage.DenseRows(run, target, "Featurizing the target"));
        return (source, target, rows, DomainStage.Describe(run));
    }

    /// <summary>
    /// Stage: the data (and target) as features files written by <c>featurize</c> (<see cref="FeatureFiles"/>; labels
    /// optional): nothing is featurized. A target must then be features of the same featurizer.
    /// </summary>
    private static (Dataset Source, Dataset? Target, List<float[]> Rows, string Featurizer) FromFeatureFiles(PlotOptions options)
    {
        var source = FeatureFiles.Read([options.Features.Data], null, isTraining: false, requireLabels: false);
        var rows = source.FeaturesOf(source.Dataset).Select(v => v.DenseValues().ToArray()).ToList();
        if (options.Target is null) return (source.Dataset, null, rows, string.Join(" + ", source.Record.Parts.Select(p => p.Name)));
        if (!FeatureFiles.IsFeatures(options.Target))
            throw new UserInputException($"--data '{options.Features.Data}' is features, so --target must be features too (featurize '{options.Target}' with the same backbones to a .parquet file).");
        var target = FeatureFiles.Read([options.Target], null, isTraining: false, requireLabels: false);
        if (source.Record.DifferenceFrom(target.Record, source.Files[0]) is { } difference)
            throw new UserInputException($"--data and --target were featurized differently: {difference}");
        rows.AddRange(target.FeaturesOf(target.Dataset).Select(v => v.DenseValues().ToArray()));
        return (source.Dataset, target.Dataset, rows, string.Join(" + ", source.Record.Parts.Select(p => p.Name)));
    }

    /// <summary>Two coordinates per row by <paramref name="method"/> (t-SNE with <paramref name="tsneOptions"/>, or PCA); shared with the reports' embedding map.</summary>
    internal static float[][] Map(IReadOnlyList<float[]> rows, MapMethod method, TsneOptions tsneOptions, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        if (rows.Count < 3) throw new UserInputException($"A map needs at least 3 rows; the data has {rows.Count}.");
        if (method == MapMethod.Pca)
        {
            progress?.Report(new WorkflowProgress("Mapping", 0, 1, "PCA, 2 components"));
            var pca = PrincipalComponents.Fit(rows, PcaOptions.Count(Math.Min(2, rows[0].Length)), cancellation);
            var mapped = rows.Select(row => Pad(pca.Transform(row))).ToArray();
            progress?.Report(new WorkflowProgress("Mapping", 1, 1, string.Create(CultureInfo.InvariantCulture,
                $"PCA: the 2 components explain {pca.ExplainedVarianceRatio.Sum():P1} of the variance")));
            return mapped;
        }
        if (tsneOptions.Perplexity >= rows.Count)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"t-SNE's perplexity ({tsneOptions.Perplexity}) must be less than the number of rows ({rows.Count}); pass a smaller --perplexity or use --method pca."));
        progress?.Report(new WorkflowProgress("Mapping", 0, 1, $"t-SNE of {rows.Count} points, perplexity {tsneOptions.Perplexity.ToString(CultureInfo.InvariantCulture)}"));
        var started = System.Diagnostics.Stopwatch.StartNew();
        // PCA initialisation needs two features; with one, start at random (scikit-learn's init="random").
        var tsne = rows[0].Length < 2 ? tsneOptions with { Initialization = TsneInitialization.Random } : tsneOptions;
        var map = Tsne.Fit(rows, tsne, cancellation);
        progress?.Report(new WorkflowProgress("Mapping", 1, 1, $"t-SNE done in {started.Elapsed.TotalSeconds:F1} s"));
        return map;
    }

    /// <summary>A 1-component projection (1-dimensional features) gets y = 0.</summary>
    private static float[] Pad(float[] point) => point.Length >= 2 ? point[..2] : [point[0], 0];

    private static List<string> Labels(Dataset source, Dataset? target) =>
        [.. source.Labels ?? Enumerable.Repeat("", source.Count), .. target is null ? [] : target.Labels ?? Enumerable.Repeat("", target.Count)];

    private static bool IsNumeric(IReadOnlyList<string> labels) =>
        labels.All(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v));

    /// <summary>
    /// The colour group of each point: its label when there are at most <see cref="MaxGroups"/>, "(no label)" for
    /// unlabelled rows; more numbers become 5 ranges by quantile (legend in increasing order); more texts keep the most
    /// frequent labels and "other". The order is null when the legend's default (ordinal) order serves.
    /// </summary>
    internal static (IReadOnlyList<string> Groups, IReadOnlyList<string>? Order) Groups(IReadOnlyList<string> labels, bool numeric)
    {
        var named = labels.Select(l => l.Length == 0 ? "(no label)" : l).ToList();
        var distinct = named.Distinct(StringComparer.Ordinal).Count();
        if (distinct <= MaxGroups) return (named, null);
        if (numeric && labels.All(l => l.Length > 0))
        {
            var values = labels.Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            var sorted = values.Order().ToArray();
            var edges = Enumerable.Range(1, 4).Select(q => sorted[(int)Math.Floor(q / 5.0 * (sorted.Length - 1))]).Distinct().ToArray();
            string Range(double v)
            {
                var bin = edges.Count(e => v > e);
                var low = bin == 0 ? sorted[0] : edges[bin - 1];
                var high = bin == edges.Length ? sorted[^1] : edges[bin];
                return string.Create(CultureInfo.InvariantCulture, $"{(bin == 0 ? "[" : "(")}{low:G4}, {high:G4}]");
            }
            var ranges = values.Select(v => (Value: v, Name: Range(v))).ToList();
            return (ranges.Select(r => r.Name).ToList(), ranges.OrderBy(r => r.Value).Select(r => r.Name).Distinct().ToList());
        }
        var keep = named.GroupBy(l => l, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxGroups - 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return (named.Select(l => keep.Contains(l) ? l : "other").ToList(), null);
    }
}
