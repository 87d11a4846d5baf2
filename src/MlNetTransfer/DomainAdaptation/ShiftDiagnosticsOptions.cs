namespace MlNetTransfer.DomainAdaptation;

/// <summary>Settings of <see cref="ShiftDiagnostics.Measure"/>. Checked by <see cref="Problems"/>.</summary>
public sealed record ShiftDiagnosticsOptions
{
    /// <summary>Folds of the domain classifier's stratified cross-validation: 2 or more (default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Permutations of the MMD test: 1 or more (default 200; the smallest p-value it can give is 1 / (permutations + 1)).</summary>
    public int Permutations { get; init; } = 200;

    /// <summary>
    /// The most rows of each domain the domain classifier and the MMD use (default 1,000): larger domains are subsampled
    /// at random (seeded). The classifier also subsamples the larger domain to the smaller one's count, so that an AUC
    /// of 0.5 means the domains cannot be told apart. 10 or more.
    /// </summary>
    public int MaxRowsPerDomain { get; init; } = 1000;

    /// <summary>How many of the most drifted features the report lists (default 10; 0 for none).</summary>
    public int TopDimensions { get; init; } = 10;

    /// <summary>Seed of the subsamples, the folds and the permutations.</summary>
    public int Seed { get; init; }

    /// <summary>A name per feature (<c>Body Mass (g)</c>, <c>ImagePath.resnet18_387</c>) for the explanation; null names features by index.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The problems: folds below 2, permutations below 1, rows per domain below 10, negative top dimensions.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Folds < 2) problems.Add($"the domain classifier needs 2 or more folds (got {Folds})");
        if (Permutations < 1) problems.Add($"the MMD test needs 1 or more permutations (got {Permutations})");
        if (MaxRowsPerDomain < 10) problems.Add($"the rows used per domain must be 10 or more (got {MaxRowsPerDomain})");
        if (TopDimensions < 0) problems.Add($"the number of drifted dimensions to list must be 0 or more (got {TopDimensions})");
        return problems;
    }
}
