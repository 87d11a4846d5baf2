using System.Text;

namespace MlNetTransfer.Bench;

/// <summary>Renders <see cref="GpuCheckResults"/> as a console table and as the BENCHMARKS.md section.</summary>
internal static class GpuCheckReport
{
    public static string Title => "## GPU — ResNet18 on CUDA vs CPU (gpu-check)";

    private static readonly string[] Columns = ["path", "device", "batch", "images/s", "median (s)", "runs (s)", "CPU (s)", "setup (s)", "warm-up (s)", "vs CPU, same path and batch"];

    private static IEnumerable<string[]> Rows(GpuCheckResults r)
    {
        foreach (var run in r.Runs)
        {
            var cpu = run.Device == GpuCheckResults.Cpu ? null : r.Find(run.Path, GpuCheckResults.Cpu, run.BatchSize);
            yield return
            [
                run.Path,
                run.Device,
                run.BatchSize?.ToString() ?? "",
                $"{run.ImagesPerSecond(r.N):F0}",
                $"{run.MedianSeconds:F2}",
                string.Join(", ", run.Runs.Select(t => $"{t.Wall.TotalSeconds:F2}")),
                $"{run.MedianCpuSeconds:F1}",
                run.Setup is { } s ? $"{s.TotalSeconds:F2}" : "",
                run.WarmUp is { } w ? $"{w.TotalSeconds:F2}" : "",
                cpu is null ? "" : $"{cpu.MedianSeconds / run.MedianSeconds:F2}×",
            ];
        }
    }

    public static string ConsoleTable(GpuCheckResults r)
    {
        var rows = Rows(r).Prepend(Columns).ToList();
        var widths = Enumerable.Range(0, Columns.Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c <= 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        text.AppendLine();
        foreach (var line in Findings(r)) text.AppendLine("- " + line.Replace("**", "").Replace("`", ""));
        var failures = r.Failures();
        text.AppendLine(failures.Count == 0 ? "gpu-check: PASSED" : "gpu-check: FAILED\n" + string.Concat(failures.Select(f => $"  - {f}\n")).TrimEnd());
        return text.ToString();
    }

    public static string Section(GpuCheckResults r)
    {
        var s = new StringBuilder();
        s.AppendLine(Title).AppendLine();
        s.AppendLine($"Measured {r.StartedUtc:yyyy-MM-dd HH:mm} UTC on {r.Machine.Describe()}; GPU: {r.Gpu ?? "none found by nvidia-smi"}; the whole run took {r.Duration.TotalMinutes:F1} min.").AppendLine();
        s.AppendLine("```bash").AppendLine("bash bench/gpu-check.sh   # builds with -p:UseGpu=true (or runs a bundle: GPU_CHECK_BUNDLE=dir), then:").AppendLine(r.Command).AppendLine("```").AppendLine();
        s.AppendLine($"- **Images.** {BenchData.Describe(r.Images)}: the first of each class of the Fashion-MNIST training set, in file order; 28×28 grayscale PNGs resized to 224×224 RGB.");
        s.AppendLine($"- **Paths.** *engine*: `BatchedImageEmbedder.Embed` (ML.NET's image steps decode batches on up to one background thread per core, as many as keep the session fed, while one ONNX Runtime session runs the batches), what `train`/`featurize` run; " +
                     $"*decode only*: those image steps alone, to tensors; *inference only*: ONNX Runtime alone on the decoded tensors (the engine's session options; on CUDA that includes copying each batch to the GPU and the embeddings back). " +
                     $"Each engine row: session setup, one untimed warm-up (a full batch and the last partial one), then {r.Options.Repetitions} timed pass(es) over all {r.N:N0} images; *images/s* is {r.N:N0} over the median pass. " +
                     "CUDA sessions run with TF32 off (`use_tf32=0`), as the engine always does.");
        s.AppendLine($"- **CUDA in use.** ONNX Runtime's available providers: {string.Join(", ", r.AvailableProviders)}. " +
                     (r.CudaProviderUse is { } use ? $"A profiled {r.CudaDevice} engine session on one batch: {use}." : $"{r.CudaDevice}: {r.CudaProblem}."));
        s.AppendLine();
        s.AppendLine("| " + string.Join(" | ", Columns) + " |");
        s.AppendLine("|" + string.Concat(Columns.Select((_, c) => c <= 1 ? "---|" : "---:|")));
        foreach (var row in Rows(r)) s.AppendLine("| " + string.Join(" | ", row) + " |");
        s.AppendLine();
        s.AppendLine("Embeddings compared (max abs diff):").AppendLine();
        s.AppendLine($"| pair | first {Math.Min(r.N, FeaturizeBenchOptions.ParityImages)} images | all {r.N:N0} images |");
        s.AppendLine("|---|---:|---:|");
        foreach (var p in r.Parity) s.AppendLine($"| {p.A} vs {p.B} | {Diff(p.FirstRows)} | {Diff(p.AllRows)} |");
        s.AppendLine();
        if (r.BetweenImages is { } between)
            s.AppendLine($"For scale: the embeddings of two different images differ by at least {between:G3} (closest consecutive pair among the first {Math.Min(r.N, FeaturizeBenchOptions.ParityImages)}, CPU).").AppendLine();
        s.AppendLine("Findings:").AppendLine();
        foreach (var line in Findings(r)) s.AppendLine($"- {line}");
        var failures = r.Failures();
        s.AppendLine(failures.Count == 0 ? "- **gpu-check passed.**" : "- **gpu-check failed:** " + string.Join("; ", failures) + ".");
        return s.ToString();
    }

    /// <summary>The ratios, the agreement and, where the numbers show it, what bounds the GPU's speed.</summary>
    public static IReadOnlyList<string> Findings(GpuCheckResults r)
    {
        var lines = new List<string>();
        var batches = r.Options.BatchSizes.Order().ToList();
        var devices = r.Runs.Where(x => x.Path == DeviceRun.Engine).Select(x => x.Device).Distinct().ToList();
        foreach (var batch in batches)
        {
            var cpu = r.Find(DeviceRun.Engine, GpuCheckResults.Cpu, batch);
            var gpu = devices.Where(d => d != GpuCheckResults.Cpu).Select(d => r.Find(DeviceRun.Engine, d, batch)).FirstOrDefault();
            if (cpu is not null && gpu is not null)
                lines.Add($"Engine, batch {batch}: {gpu.Device} **{gpu.ImagesPerSecond(r.N):F0} images/s** vs CPU {cpu.ImagesPerSecond(r.N):F0} images/s: **{cpu.MedianSeconds / gpu.MedianSeconds:F2}×**.");
        }
        if (batches.Count > 1)
            foreach (var device in devices)
            {
                var small = r.Find(DeviceRun.Engine, device, batches[0]);
                var large = r.Find(DeviceRun.Engine, device, batches[^1]);
                if (small is not null && large is not null)
                    lines.Add($"Batch {batches[^1]} vs batch {batches[0]} on {device}: {small.MedianSeconds / large.MedianSeconds:F2}×.");
            }
        foreach (var p in r.CpuVsGpu)
            lines.Add($"{p.A} vs {p.B}: max abs diff {Diff(p.AllRows)} over all {r.N:N0} images (tolerance {GpuCheckOptions.Tolerance:G3}): {(p.AllRows <= GpuCheckOptions.Tolerance ? "**agree**" : "**disagree**")}.");
        var decode = r.Runs.FirstOrDefault(x => x.Path == DeviceRun.Decode);
        var largest = batches[^1];
        var engineGpu = devices.Where(d => d != GpuCheckResults.Cpu).Select(d => r.Find(DeviceRun.Engine, d, largest)).FirstOrDefault();
        var rawGpu = devices.Where(d => d != GpuCheckResults.Cpu).Select(d => r.Find(DeviceRun.Raw, d, largest)).FirstOrDefault();
        if (decode is not null)
            lines.Add($"Decoding alone (ML.NET's image steps, one thread, into reused tensors): {decode.ImagesPerSecond(r.N):F0} images/s.");
        if (engineGpu is not null && rawGpu is not null)
        {
            var rest = engineGpu.MedianSeconds - rawGpu.MedianSeconds;
            lines.Add($"Where the engine's time goes on {engineGpu.Device} at batch {largest}: ONNX Runtime alone runs {rawGpu.ImagesPerSecond(r.N):F0} images/s, the engine {engineGpu.ImagesPerSecond(r.N):F0}; " +
                      $"inference is {100 * rawGpu.MedianSeconds / engineGpu.MedianSeconds:F0}% of the engine's {engineGpu.MedianSeconds:F2} s, the other {rest:F2} s are decoding the engine's decode threads did not hide behind inference, and the engine's own work" +
                      (rest > rawGpu.MedianSeconds
                          ? $": on the GPU the CPU side bounds the engine (with it free, the engine could run at most {engineGpu.MedianSeconds / rawGpu.MedianSeconds:F1}× faster)."
                          : "."));
        }
        return lines;
    }

    private static string Diff(double d) => d == 0 ? "0" : $"{d:G3}";
}
