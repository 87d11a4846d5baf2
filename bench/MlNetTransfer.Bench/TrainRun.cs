using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>
/// One end-to-end <see cref="TrainWorkflow.Run"/> of the <c>train-cache</c> benchmark: its wall and CPU time, the time from the
/// start of each stage the workflow reported to the start of the next (<c>load + fit featurizer</c> is before the first report),
/// the engine's counters, and the zip it wrote.
/// </summary>
internal sealed record TrainRun(string Name, string Head, Timing Timing, IReadOnlyList<(string Stage, TimeSpan Time)> Stages, TrainResult Result, long ZipBytes)
{
    public const string Setup = "load + fit featurizer";
}
