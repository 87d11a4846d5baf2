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
    /// <summary>
    /// Whether spare time repeated the cross-validation of some candidates on freshly seeded folds (their
    /// <see cref="LeaderboardEntry.FoldScores"/> then hold more than <see cref="Folds"/> scores).
    /// </summary>
    public bool Repeated => Folds > 1 && Leaderboard.Any(e => e.FoldScores.Count > Folds);

    /// <summary>
    /// How the scores were measured, in words for a title: <c>one 80/20 validation split</c>,
    /// <c>5-fold cross-validation</c>, or <c>5-fold cross-validation, repeated on fresh folds with spare time</c> when
    /// <see cref="Repeated"/> (each candidate's own number of folds is then the length of its fold scores).
    /// </summary>
    public string Method => Folds == 1 ? "one 80/20 validation split" : MethodAs($"{Folds}-fold cross-validation");

    /// <summary><see cref="Method"/> in fewer words, for a chart's title: <c>5-fold CV, repeated on fresh folds with spare time</c>.</summary>
    public string ShortMethod => Folds == 1 ? "one 80/20 validation split" : MethodAs($"{Folds}-fold CV");

    private string MethodAs(string folds) => folds + (Repeated ? ", repeated on fresh folds with spare time" : "");

    /// <summary>The best complete candidate.</summary>
    public HeadCandidate Winner => Leaderboard[0].Candidate;
}
