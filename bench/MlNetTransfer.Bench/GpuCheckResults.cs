using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>Everything one <c>gpu-check</c> run measured, and the problems that make it fail.</summary>
internal sealed record GpuCheckResults(
    GpuCheckOptions Options,
    MachineInfo Machine,
    string? Gpu,
    DateTime StartedUtc,
    TimeSpan Duration,
    string Command,
    Dataset Images,
    IReadOnlyList<string> AvailableProviders,
    string CudaDevice,
    string? CudaProblem,
    ProviderUse? CudaProviderUse,
    IReadOnlyList<DeviceRun> Runs,
    IReadOnlyList<ParityCheck> Parity,
    double? BetweenImages)
{
    public const string Cpu = "cpu";

    public int N => Images.Count;

    /// <summary>CUDA was available, its sessions were created, and the profile shows the convolutions ran on it.</summary>
    public bool CudaUsed => CudaProblem is null && CudaProviderUse is { ConvolutionsOnCuda: true } && Runs.Any(r => r.Device != Cpu);

    public DeviceRun? Find(string path, string device, int? batch) =>
        Runs.SingleOrDefault(r => r.Path == path && r.Device == device && r.BatchSize == batch);

    /// <summary>The CPU-vs-GPU comparisons of the engine, one per batch size.</summary>
    public IEnumerable<ParityCheck> CpuVsGpu => Parity.Where(p => p.A.StartsWith(Cpu + " ", StringComparison.Ordinal) && !p.B.StartsWith(Cpu + " ", StringComparison.Ordinal));

    /// <summary>Why the check fails; empty when it passes.</summary>
    public IReadOnlyList<string> Failures()
    {
        var failures = new List<string>();
        if (CudaProblem is not null) failures.Add($"CUDA was not used: {CudaProblem}");
        else if (CudaProviderUse is null) failures.Add("CUDA was not used: no profile of a CUDA session was read");
        else if (!CudaProviderUse.ConvolutionsOnCuda) failures.Add($"CUDA was not used for every convolution ({CudaProviderUse})");
        foreach (var p in CpuVsGpu.Where(p => !(p.AllRows <= GpuCheckOptions.Tolerance)))
            failures.Add($"{p.A} and {p.B} disagree: max abs diff {p.AllRows:G3} > {GpuCheckOptions.Tolerance:G3}");
        if (CudaProblem is null && !CpuVsGpu.Any()) failures.Add("no CPU-vs-GPU comparison was made");
        return failures;
    }
}
