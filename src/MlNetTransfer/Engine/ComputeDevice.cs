using Microsoft.ML.OnnxRuntime;

namespace MlNetTransfer.Engine;

/// <summary>
/// Where backbones run: the CPU, or a CUDA device (<c>cuda</c> = <c>cuda:0</c>). <see cref="Resolve"/> checks ONNX
/// Runtime's available execution providers (the CUDA one exists only in a build made with <c>-p:UseGpu=true</c>) and
/// falls back to the CPU with a message instead of failing.
/// </summary>
public sealed record ComputeDevice(int? CudaDeviceId)
{
    public static ComputeDevice Cpu { get; } = new((int?)null);

    public bool IsCuda => CudaDeviceId is not null;

    public override string ToString() => CudaDeviceId is { } id ? $"cuda:{id}" : "cpu";

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static ComputeDevice Parse(string text) =>
        TryParse(text, out var device) ? device : throw new UserInputException($"Unknown device '{text}': expected cpu, cuda or cuda:N.");

    public static bool TryParse(string text, out ComputeDevice device)
    {
        var value = text.Trim().ToLowerInvariant();
        device = Cpu;
        if (value == "cpu") return true;
        if (value == "cuda") value = "cuda:0";
        if (!value.StartsWith("cuda:", StringComparison.Ordinal)
            || !int.TryParse(value[5..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return false;
        device = new ComputeDevice(id);
        return true;
    }

    /// <summary>The device to use, and a message when CUDA was asked for but this build of ONNX Runtime has no CUDA provider.</summary>
    public (ComputeDevice Device, string? Message) Resolve()
    {
        if (!IsCuda) return (this, null);
        var providers = OrtEnv.Instance().GetAvailableProviders();
        return providers.Contains("CUDAExecutionProvider")
            ? (this, null)
            : (Cpu, $"{this} was requested but this build of ONNX Runtime has no CUDA execution provider (it has {string.Join(", ", providers)}); running on the CPU. Build with -p:UseGpu=true on a machine with CUDA to use the GPU.");
    }
}
