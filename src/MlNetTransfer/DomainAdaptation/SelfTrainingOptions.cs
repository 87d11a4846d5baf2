namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Settings of class-balanced self-training (<see cref="SelfTrainingMethod"/>; also the unlabeled part of
/// <see cref="FewShotMethod"/>). Round r (1..<see cref="Rounds"/>) pseudo-labels at most
/// ⌊r / Rounds · <see cref="MaxFraction"/> · n_t / classes⌋ target rows per class, the same number for every class: the
/// rows the current head predicts as that class with probability ≥ <see cref="Threshold"/>, most confident first.
/// </summary>
public sealed record SelfTrainingOptions
{
    /// <summary>Most rounds of pseudo-labelling and retraining. Default 4.</summary>
    public int Rounds { get; init; } = 4;

    /// <summary>Lowest predicted probability of a pseudo-label, in (0, 1]. Default 0.8.</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>
    /// Share of the target rows the last round may pseudo-label (spread evenly over the classes), in (0, 1]; earlier rounds
    /// a growing part of it. Default 0.8.
    /// </summary>
    public double MaxFraction { get; init; } = 0.8;

    /// <summary>
    /// After the rounds, train the final head on the target pseudo-labels only (plus any labeled target rows), without the
    /// source rows. Default true: on a shifted pair of Gaussians (2 classes, 10-d, 400 rows a domain) the source rows
    /// outweigh the pseudo-labels and hold the boundary where the source put it (lr: 0.67 source-only, 0.71 keeping the
    /// source rows, 0.98 target only; mlp: 0.66, 0.76, 0.99). False keeps the source rows in the final head.
    /// </summary>
    public bool TargetOnlyLastRound { get; init; } = true;

    /// <summary>What is wrong with these settings, one phrase each; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Rounds < 1) problems.Add($"rounds must be at least 1 (got {Rounds})");
        if (!(Threshold > 0 && Threshold <= 1)) problems.Add($"threshold must be in (0, 1] (got {Threshold})");
        if (!(MaxFraction > 0 && MaxFraction <= 1)) problems.Add($"max fraction must be in (0, 1] (got {MaxFraction})");
        return problems;
    }

    /// <summary>A <see cref="UserInputException"/> listing <see cref="Problems"/>, if any.</summary>
    internal void Check(string method)
    {
        var problems = Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid {method} options: {string.Join("; ", problems)}.");
    }
}
