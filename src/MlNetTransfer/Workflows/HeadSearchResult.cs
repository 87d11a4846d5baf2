namespace MlNetTransfer.Workflows;

/// <summary>
/// What a <see cref="HeadSearch"/> found: every candidate's entry, best first (complete entries ranked by the metric, then
/// the stopped, skipped and failed ones in the order tried), and the winner.
/// </summary>
/// <param name="Metric">What the entries are ranked by.</param>
/// <param name="Folds">Cross-validation folds (1: one 80/20 validation split on large data).</param>
/// <param name="Leaderboard">The entries, best first.</param>
/// <param name="Seconds">Wall-clock seconds the search took (the winner's refit not included).</param>
/// <param name="Budget">The time budget the search and the refit were given.</param>
public sealed record HeadSearchResult(SearchMetric Metric, int Folds, IReadOnlyList<LeaderboardEntry> Leaderboard, double Seconds, TimeSpan Budget)
{
    /// <summary>The best complete candidate.</summary>
    public HeadCandidate Winner => Leaderboard[0].Candidate;
}
