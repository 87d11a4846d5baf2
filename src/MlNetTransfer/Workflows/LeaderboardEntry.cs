namespace MlNetTransfer.Workflows;

/// <summary>
/// One candidate's cross-validated result in a <see cref="HeadSearchResult"/>.
/// </summary>
/// <param name="Candidate">The head and its settings.</param>
/// <param name="FoldScores">The metric on each fold's held-out rows, in fold order (fewer than the folds when the candidate was stopped).</param>
/// <param name="FitSeconds">Wall-clock seconds of all its folds (fit + scoring of the held-out rows).</param>
/// <param name="Status"><c>done</c>; <c>stopped: time budget</c>; <c>skipped: time budget</c> (never started); or <c>failed: &lt;reason&gt;</c>.</param>
public sealed record LeaderboardEntry(HeadCandidate Candidate, IReadOnlyList<double> FoldScores, double FitSeconds, string Status)
{
    /// <summary>True when every fold ran: only such entries are ranked.</summary>
    public bool IsComplete => Status == HeadSearch.Done;

    /// <summary>Mean of <see cref="FoldScores"/>; NaN when there are none.</summary>
    public double Mean => FoldScores.Count == 0 ? double.NaN : FoldScores.Average();

    /// <summary>Sample standard deviation of <see cref="FoldScores"/> (n − 1); 0 for one fold, NaN for none.</summary>
    public double StandardDeviation
    {
        get
        {
            if (FoldScores.Count == 0) return double.NaN;
            if (FoldScores.Count == 1) return 0;
            var mean = Mean;
            return Math.Sqrt(FoldScores.Sum(s => (s - mean) * (s - mean)) / (FoldScores.Count - 1));
        }
    }
}
