using System.Text;

namespace MlNetTransfer.Bench;

/// <summary>Renders <see cref="HeadsSpeedResults"/> as a console table and as the BENCHMARKS.md section, the targets checked from the numbers.</summary>
internal static class HeadsSpeedReport
{
    /// <summary>The fit-time target of issue 15 for every head on 4,000 x 512 x 10 classes, on 2 cores.</summary>
    public const double TargetSeconds = 15;

    public static string Title(HeadsSpeedOptions options) => $"## Heads on cached embeddings — fit time on {options.Train:N0} x 512 ResNet18 features, 10 classes";

    private static readonly string[] Columns =
        ["head", "fits", "fit, wall (s, median)", "fit, CPU (s, median)", "accuracy", "macro-F1", "same predictions every fit", $"≤ {TargetSeconds:F0} s (CPU)"];

    private static IEnumerable<string[]> Rows(HeadsSpeedResults r) => r.Rows.Select(row => new[]
    {
        row.Variant.Name, $"{row.Fits.Count}", $"{row.WallMedian:F2}", $"{row.CpuMedian:F2}", $"{row.Metrics.Accuracy:F4}", $"{row.Metrics.MacroF1:F4}",
        row.Fits.Count < 2 ? "(one fit)" : row.SamePredictions ? "yes" : "**no**", row.CpuMedian <= TargetSeconds ? "yes" : "no",
    });

    public static string ConsoleTable(HeadsSpeedResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        text.AppendLine();
        foreach (var line in Targets(r)) text.AppendLine("- " + line.Replace("**", "").Replace("`", ""));
        return text.ToString();
    }

    public static string Section(HeadsSpeedResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title(r.Options)).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}; the whole run took {r.Duration.TotalMinutes:F1} min" +
                     (r.Featurizing is { } f ? $", of which {f.TotalMinutes:F1} min featurizing the images once" : " (the embeddings read from an earlier run's files)") + ".").AppendLine();
        s.AppendLine("```bash").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"- **Data.** ResNet18 embeddings ({r.Dimensions} floats) of the first {r.Options.Train / r.Classes:N0} Fashion-MNIST training images of each of its {r.Classes} classes " +
                     $"({r.Options.Train:N0} rows) and of the first {r.Options.Test / r.Classes:N0} test images of each class ({r.Options.Test:N0} held-out rows), made once by `FeaturizeWorkflow` " +
                     $"(what `mlnet-transfer featurize` runs) into `{Path.GetFileName(r.TrainFile)}` and `{Path.GetFileName(r.TestFile)}`: the head is the whole cost of a `train` whose embeddings are cached.");
        s.AppendLine($"- **Fits.** `ClassificationHead.Fit` with each head, as `train --trainer <head>` fits it (seed {r.Options.Seed}, a fresh `MLContext` per fit, the rows in memory), timed " +
                     $"{r.Options.Repetitions} times ({r.Options.BaselineRepetitions} for each slow reference), medians shown: wall time, and this process's CPU time over the fit (all threads). " +
                     $"The machine is shared (1/5/15-minute load average {r.LoadAtStart?.ToString() ?? "n/a"} at the start, {r.LoadAtEnd?.ToString() ?? "n/a"} at the end, on {r.Machine.Cores} cores), " +
                     "so wall time moves with its load, and the target is judged on CPU time: `lightgbm` and `mlp` run on one thread, so their CPU time is their wall time on an idle core; " +
                     "`lr` and `fasttree` use every core, so their CPU time bounds their idle-machine wall time from above. Accuracy and macro-F1 on the held-out rows; *same predictions every fit* compares the held-out predictions of the repeated fits.");
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|---|" + string.Concat(Columns.Skip(1).Select(_ => "---:|")));
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine();
        foreach (var row in r.Rows) s.AppendLine($"- `{row.Variant.Name}`: {row.Variant.Settings}.");
        s.AppendLine();
        s.AppendLine("Targets:").AppendLine();
        foreach (var line in Targets(r)) s.AppendLine($"- {line}");
        return s.ToString();
    }

    /// <summary>Each default head ≤ 15 s (CPU) at the accuracy of the head it replaces within noise (two standard errors of a held-out accuracy).</summary>
    public static IReadOnlyList<string> Targets(HeadsSpeedResults r)
    {
        HeadsSpeedRow? Find(string name) => r.Rows.FirstOrDefault(x => x.Variant.Name == name);
        var lines = new List<string>();
        foreach (var (name, before) in new[] { ("lr", (string?)null), ("fasttree", "fasttree, ML.NET defaults"), ("lightgbm", "lightgbm, 255 bins, all features"), ("mlp", "mlp, no refit") })
        {
            if (Find(name) is not { } row) continue;
            var line = $"`{name}` fits in ≤ {TargetSeconds:F0} s: **{row.CpuMedian:F1} s** CPU ({row.WallMedian:F1} s wall) — {(row.CpuMedian <= TargetSeconds ? "**met**" : "**missed**")}";
            if (before is not null && Find(before) is { } old)
            {
                var accuracy = row.Metrics.Accuracy;
                var noise = 2 * Math.Sqrt(accuracy * (1 - accuracy) / row.Metrics.Examples);
                var delta = accuracy - old.Metrics.Accuracy;
                var ratio = old.CpuMedian / row.CpuMedian;
                line += $"; against `{before}`: {(ratio >= 1 ? $"{ratio:F1}× less" : $"{1 / ratio:F1}× more")} CPU ({old.CpuMedian:F1} s), accuracy {accuracy:F4} vs {old.Metrics.Accuracy:F4} " +
                        $"({delta:+0.0000;-0.0000}; two standard errors of one held-out accuracy are ±{noise:F4}: {(delta >= -noise ? "unchanged within noise" : "**lower**")})";
            }
            if (Find(name + ", 32 bins, all features") is { } previous)
                line += $"; against `{previous.Variant.Name}` (the head before this change): {previous.CpuMedian / row.CpuMedian:F1}× less CPU ({previous.CpuMedian:F1} s), accuracy {previous.Metrics.Accuracy:F4}";
            lines.Add(line + ".");
        }
        return lines;
    }
}
