using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MlNetTransfer.Bench;

/// <summary>
/// What the numbers were measured on: cores, CPU model (the machine kind: speed-ups differ between kinds), the SIMD
/// extensions ONNX Runtime's kernels pick from (<see cref="Simd"/>), RAM, OS, .NET, the repository's commit.
/// </summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Simd, double RamGiB, string Os, string Runtime, string? Commit)
{
    /// <summary>The /proc/cpuinfo flags that decide which kernels run: wider vectors and the int8 dot product (VNNI).</summary>
    private static readonly string[] SimdFlags = ["avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8"];

    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        SimdOf(ProcField("/proc/cpuinfo", "flags")),
        MemTotalGiB(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GitCommit());

    public string Describe() =>
        $"{Cores} cores (`nproc`), {Cpu} ({Simd}), {RamGiB:F0} GiB RAM, {Os}, {Runtime}" + (Commit is null ? "" : $", commit {Commit}");

    /// <summary>Which of <see cref="SimdFlags"/> the CPU has, and names the absent AVX-512 / VNNI ones ("avx2 fma; no avx512f, no VNNI").</summary>
    private static string SimdOf(string? flags)
    {
        if (flags is null) return "SIMD flags unknown";
        var present = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var has = SimdFlags.Where(present.Contains).ToList();
        var missing = new List<string>();
        if (!present.Contains("avx512f")) missing.Add("no avx512f");
        if (!present.Contains("avx512_vnni") && !present.Contains("avx_vnni")) missing.Add("no VNNI");
        return string.Join(" ", has) + (missing.Count > 0 ? "; " + string.Join(", ", missing) : "");
    }

    private static string? ProcField(string file, string key)
    {
        if (!File.Exists(file)) return null;
        return File.ReadLines(file)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim() == key)
            .Select(p => p[1].Trim())
            .FirstOrDefault();
    }

    private static double MemTotalGiB()
    {
        var kb = ProcField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return kb is not null && double.TryParse(kb, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v / (1024 * 1024)
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
    }

    /// <summary>
    /// Short HEAD commit, with "+ local changes" when tracked files differ from it; null without git. $BENCH_COMMIT, when set, is
    /// taken instead (a bundle run away from the repository, by bench/gpu-check.sh).
    /// </summary>
    private static string? GitCommit()
    {
        var given = Environment.GetEnvironmentVariable("BENCH_COMMIT");
        if (!string.IsNullOrWhiteSpace(given)) return given.Trim();
        var head = Git("rev-parse --short HEAD");
        if (head is null) return null;
        var dirty = Git("status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(dirty) ? head : $"{head} + local changes";
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var errors = process.StandardError.ReadToEndAsync(); // drained, not shown
            var output = process.StandardOutput.ReadToEnd().Trim();
            errors.Wait();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
