using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Bench;

/// <summary>
/// The <c>gpu-check</c> benchmark: ResNet18 embeddings of N Fashion-MNIST images through our engine (<see cref="BatchedImageEmbedder"/>)
/// on the CPU and on CUDA at each batch size, plus decoding alone and raw ONNX Runtime on pre-decoded tensors at the largest batch
/// (where the time goes). Checks that the CUDA execution provider is in this build of ONNX Runtime (its list of available
/// providers, not an exception), that a CUDA session's profile shows every convolution ran on CUDA, and that CPU and GPU
/// embeddings agree within <see cref="GpuCheckOptions.Tolerance"/>.
/// </summary>
internal static class GpuCheckBenchmark
{
    public static GpuCheckResults Run(GpuCheckOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var images = BenchData.Spread(options.Data, options.Images);
        var n = images.Count;
        var backbone = BuiltInBackbones.ResNet18;
        log.WriteLine($"images: {BenchData.Describe(images)} from {images.Source}");

        var providers = OrtEnv.Instance().GetAvailableProviders();
        log.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, available execution providers: {string.Join(", ", providers)}");
        var requested = ComputeDevice.Parse(options.Device);
        var (cuda, cudaProblem) = requested.Resolve();
        var gpu = GpuName();
        log.WriteLine(gpu is null ? "nvidia-smi: not found" : $"nvidia-smi: {gpu}");

        // What a CUDA session really runs on: ONNX Runtime's profile of one batch names each node's provider.
        ProviderUse? use = null;
        var largest = options.BatchSizes.Max();
        if (cudaProblem is null)
        {
            try
            {
                use = ProfileProviders(backbone, largest, cuda, images.Subset(Enumerable.Range(0, Math.Min(n, largest)).ToList()));
                log.WriteLine($"{cuda} profile: {use}");
            }
            catch (OnnxRuntimeException e)
            {
                cudaProblem = $"creating or running a CUDA session failed: {e.Message}";
            }
        }
        if (cudaProblem is not null) log.WriteLine($"CUDA not usable: {cudaProblem}");

        var devices = cudaProblem is null ? new[] { ComputeDevice.Cpu, cuda } : [ComputeDevice.Cpu];
        var runs = new List<DeviceRun>();
        var embeddings = new Dictionary<string, float[][]>(StringComparer.Ordinal);
        foreach (var device in devices)
            foreach (var batch in options.BatchSizes)
            {
                var run = EngineRun(backbone, device, batch, images, options.Repetitions, log, out var first);
                runs.Add(run);
                embeddings[Label(DeviceRun.Engine, run.Device, batch)] = first;
            }

        // Where the time goes, at the largest batch: decoding alone (ML.NET's image steps, as the engine does it), then ONNX Runtime
        // alone on the decoded tensors on each device.
        var raws = devices.Select(d => new RawOrtVariant(images, backbone, largest, d)).ToList();
        try
        {
            // The first pass allocates the tensors (N × 0.6 MB touched for the first time): untimed, as the engine reuses one batch buffer.
            raws[0].Decode(images);
            var decodes = Enumerable.Range(0, options.Repetitions).Select(_ => Measure.Time(() => raws[0].Decode(images)).Timing).ToList();
            var decode = new DeviceRun(DeviceRun.Decode, GpuCheckResults.Cpu, null, null, null, decodes);
            runs.Add(decode);
            log.WriteLine($"decode only: {decode.MedianSeconds:F2} s ({decode.ImagesPerSecond(n):F0} images/s, median of {decodes.Count})");
            for (var d = 0; d < raws.Count; d++)
            {
                if (d > 0) raws[d].Decode(images); // each variant keeps its own tensors (untimed here: timed once above)
                var (_, warmUp) = Measure.Once(() => raws[d].Run(images));
                var timings = new List<Timing>();
                float[][]? first = null;
                for (var rep = 0; rep < options.Repetitions; rep++)
                {
                    var (result, t) = Measure.Time(() => raws[d].Run(images));
                    first ??= result;
                    timings.Add(t);
                }
                var run = new DeviceRun(DeviceRun.Raw, devices[d].ToString(), largest, raws[d].Setup, warmUp, timings);
                runs.Add(run);
                embeddings[Label(DeviceRun.Raw, run.Device, largest)] = first!;
                log.WriteLine($"{DeviceRun.Raw}, {run.Device}, batch {largest}: {run.ImagesPerSecond(n):F0} images/s (median of {timings.Count})");
            }
        }
        finally
        {
            foreach (var raw in raws) raw.Dispose();
        }

        var pairs = new List<(string, string)>();
        foreach (var batch in options.BatchSizes)
            if (cudaProblem is null) pairs.Add((Label(DeviceRun.Engine, "cpu", batch), Label(DeviceRun.Engine, cuda.ToString(), batch)));
        foreach (var device in devices)
            if (options.BatchSizes.Count > 1)
                pairs.Add((Label(DeviceRun.Engine, device.ToString(), options.BatchSizes.Min()), Label(DeviceRun.Engine, device.ToString(), largest)));
        foreach (var device in devices)
            pairs.Add((Label(DeviceRun.Engine, device.ToString(), largest), Label(DeviceRun.Raw, device.ToString(), largest)));
        var parity = pairs.Select(p => new ParityCheck(p.Item1, p.Item2, Measure.MaxAbsDiff(embeddings[p.Item1], embeddings[p.Item2], Math.Min(n, FeaturizeBenchOptions.ParityImages)),
            Measure.MaxAbsDiff(embeddings[p.Item1], embeddings[p.Item2], n))).ToList();
        var reference = embeddings[Label(DeviceRun.Engine, "cpu", largest)];
        var scaleRows = Math.Min(n, FeaturizeBenchOptions.ParityImages);
        double? between = scaleRows < 2 ? null : Enumerable.Range(0, scaleRows - 1).Min(i => Measure.MaxAbsDiff([reference[i]], [reference[i + 1]], 1));

        return new GpuCheckResults(options, MachineInfo.Current(), gpu, started, watch.Elapsed, command, images, providers, requested.ToString(), cudaProblem?.Trim().TrimEnd('.'), use,
            runs, parity, between);
    }

    /// <summary>"engine cpu b64": how embeddings are named in the comparisons.</summary>
    public static string Label(string path, string device, int batch) => $"{device} {path} b{batch}";

    private static DeviceRun EngineRun(BackboneManifest backbone, ComputeDevice device, int batch, Dataset images, int repetitions, TextWriter log, out float[][] first)
    {
        var n = images.Count;
        var (embedder, setup) = Measure.Once(() => new BatchedImageEmbedder(backbone, batch, device: device));
        using (embedder)
        {
            // Untimed warm-up on a full batch and on the last, partial one: CUDA loads kernels and picks convolution algorithms per shape.
            var warm = images.Subset(Enumerable.Range(0, Math.Min(n, Math.Max(16, batch + n % batch))).ToList());
            var (_, warmUp) = Measure.Once(() => embedder.Embed(warm, Dataset.ImagePathColumn, "warm-up"));
            var timings = new List<Timing>();
            float[][]? result = null;
            for (var rep = 0; rep < repetitions; rep++)
            {
                var (embedded, t) = Measure.Time(() => embedder.Embed(images, Dataset.ImagePathColumn, "gpu-check"));
                result ??= embedded;
                timings.Add(t);
            }
            first = result!;
            var run = new DeviceRun(DeviceRun.Engine, device.ToString(), embedder.BatchSize, setup, warmUp, timings);
            log.WriteLine($"{DeviceRun.Engine}, {run.Device}, batch {batch}: setup {setup.TotalSeconds:F2} s, warm-up {warmUp.TotalSeconds:F2} s, " +
                          $"{run.ImagesPerSecond(n):F0} images/s (median of {repetitions}: {string.Join(", ", timings.Select(t => $"{t.Wall.TotalSeconds:F2}"))} s)");
            return run;
        }
    }

    private static ProviderUse ProfileProviders(BackboneManifest backbone, int batch, ComputeDevice cuda, Dataset images)
    {
        var folder = Directory.CreateTempSubdirectory("mlnet-transfer-gpu-check-").FullName;
        try
        {
            using var embedder = new BatchedImageEmbedder(backbone, batch, null, cuda, Path.Combine(folder, "profile"));
            embedder.Embed(images, Dataset.ImagePathColumn, "profile");
            var file = embedder.EndProfiling();
            return ProviderUse.Read(Path.IsPathRooted(file) ? file : Path.GetFullPath(file));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>"NVIDIA H200, driver 580.…, 143771 MiB" from nvidia-smi; null where there is none.</summary>
    private static string? GpuName()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,driver_version,memory.total --format=csv,noheader")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd().Trim();
            errors.Wait();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
