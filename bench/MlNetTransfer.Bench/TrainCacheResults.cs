using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>Everything one <c>train-cache</c> run measured.</summary>
internal sealed record TrainCacheResults(TrainCacheOptions Options, MachineInfo Machine, DateTime StartedUtc, TimeSpan Duration, string Command,
    Dataset Images, LoadAverage? LoadAtStart, LoadAverage? LoadAtEnd, IReadOnlyList<TrainRun> Runs, long CacheBytes)
{
    public TrainRun Cold => Runs[0];

    /// <summary>The second train, with another head: the case the cache is for.</summary>
    public TrainRun Warm => Runs[1];
}
