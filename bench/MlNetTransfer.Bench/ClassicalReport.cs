using System.Text;

namespace MlNetTransfer.Bench;

/// <summary>Renders <see cref="ClassicalResults"/> as a console table and as the BENCHMARKS.md section, the target checked from the numbers.</summary>
internal static class ClassicalReport
{
    public static string Title(ClassicalBenchOptions options) => $"## Classical image features vs ResNet18 — throughput on {options.Images:N0} Fashion-MNIST images";

    private static readonly string[] Columns = ["featurizer", "path", "values/image", "median (s)", "ms/image", "images/s", "CPU (s)", "runs (s)", "classical vs resnet18 (chunk ratios: median [quartiles])"];

    private static IEnumerable<string[]> Rows(ClassicalResults r) => r.Variants.Select(v =>
    {
        var (median, low, high) = r.Ratio(v.Path);
        return new[]
        {
            v.Featurizer, v.Path, $"{v.Size:N0}", $"{v.Times.MedianSeconds:F2}", $"{1000 * v.Times.MedianSeconds / r.N:F2}", $"{r.ImagesPerSecond(v):F0}",
            $"{v.Times.MedianCpuSeconds:F1}", string.Join(", ", v.Times.Runs.Select(t => $"{t.Wall.TotalSeconds:F1}")),
            v.Featurizer == "classical" ? $"{median:F1}× [{low:F1}–{high:F1}×]" : "",
        };
    });

    private static IEnumerable<string> Targets(ClassicalResults r)
    {
        var (median, low, _) = r.Ratio("training");
        var met = median >= ClassicalBenchOptions.TargetRatio;
        yield return $"**Throughput ≥ {ClassicalBenchOptions.TargetRatio:F0}× resnet18's per image on the training path: {(met ? "met" : "NOT met")}** " +
                     $"({r.ImagesPerSecond(r["classical", "training"]):F0} against {r.ImagesPerSecond(r["resnet18", "training"]):F0} images/s; chunk by chunk {median:F1}×, lower quartile {low:F1}×).";
        var (zip, _, _) = r.Ratio("saved zip");
        yield return $"Saved zips, row by row as an ML.NET app runs them: {r.ImagesPerSecond(r["classical", "saved zip"]):F0} against {r.ImagesPerSecond(r["resnet18", "saved zip"]):F0} images/s ({zip:F1}×).";
        yield return $"Same features on both paths: classical's largest difference training path vs zip {r.ClassicalPathsDiff:G3} (the same code), resnet18's {r.ResnetPathsDiff:G3}.";
    }

    public static string ConsoleTable(ClassicalResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c <= 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        text.AppendLine();
        foreach (var line in Targets(r)) text.AppendLine("- " + line.Replace("**", ""));
        return text.ToString();
    }

    public static string Section(ClassicalResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title(r.Options)).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}; the whole run took {r.Duration.TotalMinutes:F1} min.").AppendLine();
        s.AppendLine("```bash").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"- **Data.** {BenchData.Describe(r.Images)} (28×28 gray PNGs).");
        s.AppendLine("- **Paths.** *training*: `FeatureRun.Materialize`, as `train` and `featurize` run it — resnet18 through `BatchedImageEmbedder` " +
                     "(one ONNX Runtime session, batches of 32, every core, no cache), `classical` through its saved steps (LoadImages -> ResizeImages 64×64 -> " +
                     "ExtractPixels -> the `MlNetTransfer.ClassicalImage.v1` mapping, one cursor, one core). *saved zip*: the fitted featurizer saved, loaded with " +
                     "`Model.Load` and read row by row, as an ML.NET app runs it (resnet18: ML.NET's per-row `ApplyOnnxModel`).");
        s.AppendLine($"- **Timing.** {r.Options.Repetitions} repetition(s) over chunks of {ClassicalBenchOptions.ChunkSize} images; on each chunk all four variants run back to back, " +
                     "in an order that rotates, after a full garbage collection; a variant's run is the sum of its chunks, the table gives the median run. The ratio column " +
                     "compares the two featurizers chunk by chunk on the same path (pairs that ran seconds apart, under the same load). " +
                     $"1/5/15-minute load average {r.LoadAtStart?.ToString() ?? "n/a"} at the start, {r.LoadAtEnd?.ToString() ?? "n/a"} at the end: a shared machine.");
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|" + string.Concat(Columns.Select((_, c) => c <= 1 ? "---|" : "---:|")));
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine();
        foreach (var line in Targets(r)) s.AppendLine($"- {line}");
        return s.ToString();
    }
}
