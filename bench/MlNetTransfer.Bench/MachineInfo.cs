using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MlNetTransfer.Bench;

/// <summary>What the numbers were measured on: cores, CPU model, RAM, OS, .NET, the repository's commit.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, double RamGiB, string Os, string Runtime, string? Commit)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        MemTotalGiB(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GitCommit());

    public string Describe() =>
        $"{Cores} cores (`nproc`), {Cpu}, {RamGiB:F0} GiB RAM, {Os}, {Runtime}" + (Commit is null ? "" : $", commit {Commit}");

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
