namespace MlNetTransfer.DomainAdaptation;

/// <summary>Settings of <see cref="FewShotMethod"/>: the weight of the labeled target rows and the self-training on the unlabeled rest.</summary>
public sealed record FewShotOptions
{
    /// <summary>
    /// How many times each labeled target row is repeated among the training rows (its weight against a source row's 1).
    /// Default 10: a handful of target rows per class then weighs about as much as a few dozen source rows.
    /// </summary>
    public int Repeat { get; init; } = 10;

    /// <summary>The self-training on the unlabeled target rows. Default: <see cref="SelfTrainingOptions"/>' defaults.</summary>
    public SelfTrainingOptions SelfTraining { get; init; } = new();

    /// <summary>What is wrong with these settings, one phrase each; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Repeat < 1) problems.Add($"repeat must be at least 1 (got {Repeat})");
        if (SelfTraining is null) problems.Add("self-training options are missing");
        else problems.AddRange(SelfTraining.Problems());
        return problems;
    }
}
