using Microsoft.ML.OnnxRuntime;

namespace MlNetTransfer.Engine;

/// <summary>
/// Where backbones run: the CPU, or a CUDA device (<c>cuda</c> = <c>cuda:0</c>). <see cref="Resolve"/> checks ONNX
/// Runtime's available execution providers (the CUDA one exists only in a build made with <c>-p:UseGpu=true</c>) and
/// falls back to the CPU with a message instead of failing.
/// </summary>
public sealed record ComputeDevice(int? CudaDeviceId)
{
    /// <summary>The CPU (<see cref="CudaDeviceId"/> null).</summary>
    public static ComputeDevice Cpu { get; } = new((int?)null);

    /// <summary>Whether this names a CUDA device; <see cref="Resolve"/> says whether this build can use it.</summary>
    public bool IsCuda => CudaDeviceId is not null;

    /// <summary><c>cpu</c> or <c>cuda:N</c>, the form <see cref="Parse"/> accepts.</summary>
    public override string ToString() => CudaDeviceId is { } id ? $"cuda:{id}" : "cpu";

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static ComputeDevice Parse(string text) =>
        TryParse(text, out var device) ? device : throw new UserInputException($"Unknown device '{text}': expected cpu, cuda or cuda:N.");

    /// <summary>
    /// Parses <c>cpu</c>, <c>cuda</c> (= <c>cuda:0</c>) or <c>cuda:N</c> with N a non-negative decimal integer, ignoring case and
    /// surrounding white space. Whether the device exists is not checked (see <see cref="Resolve"/>).
    /// </summary>
    /// <param name="text">The option value, for example <c>--device</c>'s.</param>
    /// <param name="device">The device; <see cref="Cpu"/> when the text does not parse.</param>
    /// <returns>Whether <paramref name="text"/> names a device.</returns>
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
