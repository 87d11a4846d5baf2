using MlNetTransfer.Engine;

namespace MlNetTransfer.Tests.Engine;

public sealed class ComputeDeviceTests
{
    [Theory]
    [InlineData("cpu", null)]
    [InlineData("CUDA", 0)]
    [InlineData("cuda:3", 3)]
    public void Parse_AcceptsCpuCudaAndCudaN(string text, int? id) => Assert.Equal(id, ComputeDevice.Parse(text).CudaDeviceId);

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void Parse_RejectsOthers_RepeatingTheValue(string text)
    {
        var e = Assert.Throws<UserInputException>(() => ComputeDevice.Parse(text));
        Assert.Equal($"Unknown device '{text}': expected cpu, cuda or cuda:N.", e.Message);
    }

    [Fact]
    public void Cuda_WithoutTheCudaProvider_FallsBackToCpu_WithAMessage()
    {
        var providers = Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders();
        var (device, message) = ComputeDevice.Parse("cuda:1").Resolve();
        if (providers.Contains("CUDAExecutionProvider"))
        {
            Assert.Equal("cuda:1", device.ToString());
            Assert.Null(message);
        }
        else
        {
            Assert.Equal(ComputeDevice.Cpu, device);
            Assert.StartsWith("cuda:1 was requested but this build of ONNX Runtime has no CUDA execution provider (it has CPUExecutionProvider", message);
        }
        Assert.Equal((ComputeDevice.Cpu, (string?)null), ComputeDevice.Cpu.Resolve());
    }
}
