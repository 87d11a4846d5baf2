namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Settings of <see cref="CoTrainingMethod"/>. Round r (1..<see cref="Rounds"/>) lets each view pseudo-label at most
/// ⌊r / Rounds · <see cref="MaxFraction"/> · n_t / classes⌋ target rows per class for the other view, the same number
/// for every class, predicted with probability ≥ <see cref="Threshold"/>, most confident first.
/// </summary>
public sealed record CoTrainingOptions
{
    /// <summary>Most rounds of exchanging pseudo-labels and retraining both views' heads. Default 3.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Lowest predicted probability of a pseudo-label, in (0, 1]. Default 0.8.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Share of the target rows a view may pseudo-label in the last round (spread evenly over the classes), in (0, 1]. Default 0.8.</summary>
    public double MaxFraction { get; init; } = 0.8;

    /// <summary>
    /// Train the final head on all features on the agreed target pseudo-labels only (plus any labeled target rows), without
    /// the source rows. Default true, as <see cref="SelfTrainingOptions.TargetOnlyLastRound"/> (the source rows otherwise
    /// hold the boundary where the source put it), when the agreed and labeled target rows are at least as many as the
    /// features. False: the source rows and the agreed pseudo-labels.
    /// </summary>
    public bool TargetOnlyFinal { get; init; } = true;

    /// <summary>What is wrong with these settings, one phrase each; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Rounds < 1) problems.Add($"rounds must be at least 1 (got {Rounds})");
        if (!(Threshold > 0 && Threshold <= 1)) problems.Add($"threshold must be in (0, 1] (got {Threshold})");
        if (!(MaxFraction > 0 && MaxFraction <= 1)) problems.Add($"max fraction must be in (0, 1] (got {MaxFraction})");
        return problems;
    }
}
