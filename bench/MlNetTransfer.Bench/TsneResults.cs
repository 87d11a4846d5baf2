namespace MlNetTransfer.Bench;

/// <summary>What the <c>tsne</c> command measured: our run, scikit-learn's (null when it could not run), both embeddings' trustworthiness.</summary>
internal sealed record TsneResults(
    TsneBenchOptions Options,
    string Command,
    MachineInfo Machine,
    LoadAverage? Load,
    Timing Ours,
    int OursIterations,
    double OursTrustworthiness,
    SklearnTsneTiming? Sklearn,
    double? SklearnTrustworthinessOurs,
    string? SklearnMissing)
{
    /// <summary>The targets: faster than scikit-learn, and well under a minute.</summary>
    public const double TargetSeconds = 60;

    /// <summary>scikit-learn's wall clock over ours (above 1: we are faster).</summary>
    public double? Ratio => Sklearn is null ? null : Sklearn.Seconds / Ours.Wall.TotalSeconds;
}
