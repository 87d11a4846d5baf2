namespace MlNetTransfer.Workflows;

/// <summary>
/// How <see cref="HeadSearch"/> looks for the best head: the time it may take (cross-validation of the candidates plus
/// the winner's refit on all training rows), the metric it ranks by, and the folds.
/// </summary>
public sealed record HeadSearchOptions
{
    /// <summary>Wall-clock time for the search and the winner's refit (featurizing is not counted). Default 60 s.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>What to rank by; null: accuracy for a classification, R² for a regression (<see cref="SearchMetrics.Default"/>).</summary>
    public SearchMetric? Optimize { get; init; }

    /// <summary>
    /// Cross-validation folds (stratified by label for classes) on up to <see cref="CrossValidationRows"/> training rows.
    /// Default 5.
    /// </summary>
    public int Folds { get; init; } = 5;

    /// <summary>Above this many training rows, one stratified 80/20 validation split is used instead of k folds. Default 20,000.</summary>
    public int CrossValidationRows { get; init; } = 20_000;

    /// <summary>Every problem with these options, one phrase each; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(TimeBudget > TimeSpan.Zero) || TimeBudget > TimeSpan.FromDays(7)) problems.Add($"the time budget must be positive and at most 7 days (got {TimeBudget.TotalSeconds} s)");
        if (Folds is < 2 or > 20) problems.Add($"folds must be from 2 to 20 (got {Folds})");
        if (CrossValidationRows < 10) problems.Add($"cross-validation rows must be at least 10 (got {CrossValidationRows})");
        return problems;
    }
}
