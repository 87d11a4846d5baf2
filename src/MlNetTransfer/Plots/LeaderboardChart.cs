using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>A head search's leaderboard: each candidate's cross-validated mean as a bar with ± one standard deviation, best on top.</summary>
public static class LeaderboardChart
{
    /// <summary>
    /// Bars start at the left edge of an axis zoomed to the results (differences of a point matter, a bar from 0 would
    /// hide them); the axis says so by its range.
    /// </summary>
    /// <param name="candidates">The candidates' names, best first.</param>
    /// <param name="means">Cross-validated means, same order.</param>
    /// <param name="standardDeviations">Their standard deviations over the folds, same order.</param>
    /// <param name="metric">The metric's name for the axis (<c>accuracy</c>, <c>log-loss</c>, …).</param>
    /// <param name="folds">The folds, for the title (1: a single validation split).</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static BarChart Create(IReadOnlyList<string> candidates, IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations, string metric, int folds)
    {
        if (candidates.Count == 0) throw new ArgumentException("no candidates to draw", nameof(candidates));
        if (means.Count != candidates.Count || standardDeviations.Count != candidates.Count)
            throw new ArgumentException("one mean and one standard deviation per candidate", nameof(means));
        var low = candidates.Select((_, i) => means[i] - standardDeviations[i]).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        var high = candidates.Select((_, i) => means[i] + standardDeviations[i]).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var span = Math.Max(high - low, 1e-6);
        var how = folds == 1 ? "one validation split" : $"{folds}-fold cross-validation, mean ± sd";
        // The values go with the names: written at the bars' ends they would sit on the whiskers.
        var names = candidates.Select((c, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{c}  {means[i]:0.000}")).ToArray();
        return new BarChart($"Head search: {metric} ({how})", metric, "candidate", names,
            [new BarSeries(metric, means, standardDeviations)])
        {
            ValueMin = low - span * 0.25,
            ValueMax = high + span * 0.15,
            ShowValues = false,
            Width = 1000,
            Height = Math.Clamp(140 + 45 * candidates.Count, 350, 1600),
        };
    }
}
