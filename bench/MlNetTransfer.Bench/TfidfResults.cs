namespace MlNetTransfer.Bench;

/// <summary>What the <c>tfidf</c> command measured: our timings, scikit-learn's (null when it could not run) and both matrices' summaries.</summary>
internal sealed record TfidfResults(
    TfidfOptions Options,
    string Command,
    MachineInfo Machine,
    LoadAverage? Load,
    int Documents,
    double FirstRunSeconds,
    Timing[] Ours,
    int Columns,
    long NonZeros,
    double Sum,
    SklearnTfidfTiming? Sklearn,
    string? SklearnMissing)
{
    /// <summary>The throughput ratio the benchmark issue asks for.</summary>
    public const double Target = 2.0;

    public double OursBest => Ours.Min(t => t.Wall.TotalSeconds);

    public double OursMedian => Measure.Median(Ours.Select(t => t.Wall.TotalSeconds));

    public double OursCpuBest => Ours.Min(t => t.Cpu.TotalSeconds);

    /// <summary>Best-of-runs wall-clock ratio, ours over scikit-learn's throughput.</summary>
    public double? Ratio => Sklearn is null ? null : Sklearn.Seconds.Min() / OursBest;

    /// <summary>Median wall-clock ratio.</summary>
    public double? MedianRatio => Sklearn is null ? null : Measure.Median(Sklearn.Seconds) / OursMedian;

    /// <summary>Same shape and stored non-zeros, sums equal to 1e-6 relative.</summary>
    public bool? SameMatrix => Sklearn is null ? null
        : Sklearn.Rows == Documents && Sklearn.Columns == Columns && Sklearn.NonZeros == NonZeros
          && Math.Abs(Sklearn.Sum - Sum) <= 1e-6 * Math.Max(1, Math.Abs(Sklearn.Sum));
}
