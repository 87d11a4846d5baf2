namespace MlNetTransfer.Bench;

/// <summary>
/// One row of the <c>gpu-check</c> table: a way of running the backbone (<paramref name="Path"/>: the engine, raw ONNX Runtime on
/// pre-decoded tensors, or decoding alone) on one device at one batch size, with its one-off setup and warm-up and the timed passes.
/// </summary>
internal sealed record DeviceRun(string Path, string Device, int? BatchSize, TimeSpan? Setup, TimeSpan? WarmUp, IReadOnlyList<Timing> Runs)
{
    public const string Engine = "engine";
    public const string Raw = "inference only";
    public const string Decode = "decode only";

    public double MedianSeconds => Measure.Median(Runs.Select(r => r.Wall.TotalSeconds));

    public double MedianCpuSeconds => Measure.Median(Runs.Select(r => r.Cpu.TotalSeconds));

    public double ImagesPerSecond(int images) => images / MedianSeconds;
}
