using System.Globalization;
using System.Text;
using MlNetTransfer.Datasets;
using MlNetTransfer.Text;

namespace MlNetTransfer.Bench;

/// <summary>
/// The <c>tfidf</c> command: the training path's <see cref="TextVectorizerModel"/> (Fit + TransformFitted, the
/// sklearn-tfidf preset) against scikit-learn's <c>TfidfVectorizer().fit_transform</c> on the SpamAssassin training
/// emails, best and median of several runs, wall clock and CPU time, and a same-matrix check.
/// </summary>
internal static class TfidfBenchmark
{
    public static TfidfResults Run(TfidfOptions options, string command, TextWriter log)
    {
        if (!File.Exists(options.TrainCsv))
            throw new MissingDataException($"'{options.TrainCsv}' does not exist; run: bash data/fetch_spam_assassin.sh");
        var texts = DatasetLoader.Load(options.TrainCsv, new DatasetOptions { TextColumns = ["text"] })
            .Columns.Single(c => c.Name == "text").Values;
        log.WriteLine($"{texts.Count:N0} documents from {options.TrainCsv}");
        var load = LoadAverage.Read();

        // The first run pays for JIT compilation; it is reported but not timed with the others.
        var (first, firstWall) = Measure.Once(() => TextVectorizerModel.Fit(texts, TextVectorizerPresets.SklearnTfIdf).TransformFitted());
        log.WriteLine($"ours, first run (JIT): {firstWall.TotalSeconds:F3} s");
        var ours = new Timing[options.Repetitions];
        for (var i = 0; i < ours.Length; i++)
        {
            (first, ours[i]) = Measure.Time(() => TextVectorizerModel.Fit(texts, TextVectorizerPresets.SklearnTfIdf).TransformFitted());
            log.WriteLine($"ours, run {i + 1}: {ours[i].Wall.TotalSeconds:F3} s wall, {ours[i].Cpu.TotalSeconds:F3} s CPU");
        }
        var nonZeros = first.Sum(r => (long)r.GetValues().Length);
        var sum = first.Sum(r => r.GetValues().ToArray().Sum(v => (double)v));

        log.WriteLine($"scikit-learn: {options.Python} ({options.Repetitions} runs) ...");
        var sklearn = SklearnTfidfTiming.Run(options.Python, options.TrainCsv, options.Repetitions, out var whyNot);
        if (sklearn is null) log.WriteLine($"scikit-learn skipped: {whyNot}");
        return new TfidfResults(options, command, MachineInfo.Current(), load, texts.Count, firstWall.TotalSeconds, ours,
            first.Length == 0 ? 0 : first[0].Length, nonZeros, sum, sklearn, whyNot);
    }

    public static string Title => "## TF-IDF";

    public static string ConsoleTable(TfidfResults r)
    {
        var s = new StringBuilder();
        foreach (var line in Rows(r)) s.AppendLine(string.Join("  ", line.Select((c, i) => i == 0 ? c.PadRight(44) : c.PadLeft(14))));
        s.AppendLine(Verdict(r));
        return s.ToString();
    }

    public static string Section(TfidfResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"`TextVectorizerModel.Fit` + `TransformFitted` (preset `sklearn-tfidf`, the training path) against scikit-learn's "
            + $"`TfidfVectorizer().fit_transform` on the `text` column of `{r.Options.TrainCsv}` ({r.Documents:N0} emails); reading the CSV is not timed. "
            + $"Best and median of {r.Options.Repetitions} runs each; wall clock and CPU time (all threads). Ours excludes its first, JIT-compiling run "
            + $"({r.FirstRunSeconds:F3} s).").AppendLine();
        var rows = Rows(r);
        s.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        s.AppendLine("|" + string.Join("|", rows[0].Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (var row in rows.Skip(1)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine().AppendLine(Verdict(r)).AppendLine();
        s.AppendLine($"Matrix: ours {r.Documents:N0} × {r.Columns:N0}, {r.NonZeros:N0} stored values, sum {r.Sum.ToString("R", CultureInfo.InvariantCulture)}"
            + (r.Sklearn is { } k ? $"; scikit-learn {k.Version} {k.Rows:N0} × {k.Columns:N0}, {k.NonZeros:N0}, sum {k.Sum.ToString("R", CultureInfo.InvariantCulture)}: "
                + (r.SameMatrix == true ? "the same matrix (shape, non-zeros, sum to 1e-6)." : "**different matrices**.") : ".")).AppendLine();
        s.AppendLine($"Machine: {r.Machine.Describe()}. Load average before: {r.Load?.ToString() ?? "n/a"} (a shared machine: CPU time is the steadier figure).").AppendLine();
        s.AppendLine("Command: `" + r.Command + "`");
        return s.ToString();
    }

    private static List<string[]> Rows(TfidfResults r)
    {
        string F(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture) + " s";
        string Rate(double seconds) => (r.Documents / seconds).ToString("N0", CultureInfo.InvariantCulture);
        var rows = new List<string[]>
        {
            new[] { "", "best wall", "median wall", "best CPU", "docs/s (best)" },
            new[] { "MlNetTransfer TextVectorizerModel", F(r.OursBest), F(r.OursMedian), F(r.OursCpuBest), Rate(r.OursBest) },
        };
        if (r.Sklearn is { } k)
        {
            rows.Add([$"scikit-learn {k.Version} TfidfVectorizer", F(k.Seconds.Min()), F(Measure.Median(k.Seconds)), F(k.CpuSeconds.Min()), Rate(k.Seconds.Min())]);
            rows.Add(["ratio (ours / scikit-learn throughput)", Times(r.Ratio!.Value), Times(r.MedianRatio!.Value), Times(k.CpuSeconds.Min() / r.OursCpuBest), ""]);
        }
        return rows;
    }

    private static string Times(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static string Verdict(TfidfResults r) => r.Ratio is { } ratio
        ? $"Target: >= {TfidfResults.Target:F0}x scikit-learn's throughput (best wall clock) with the same matrix: "
          + (ratio >= TfidfResults.Target && r.SameMatrix == true ? $"**met** ({Times(ratio)})." : $"**not met** ({Times(ratio)}{(r.SameMatrix == true ? "" : ", matrices differ")}).")
        : $"Target: >= {TfidfResults.Target:F0}x scikit-learn's throughput: not measured (scikit-learn skipped: {r.SklearnMissing}).";
}
