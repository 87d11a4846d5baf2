using System.Globalization;
using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>A head search's leaderboard: each candidate's cross-validated mean as a bar with ± one standard deviation, best on top.</summary>
public static class LeaderboardChart
{
    /// <summary>
    /// Bars start at the left edge of an axis zoomed to the results (differences of a point matter, a bar from 0 would
    /// hide them); the axis says so by its range, and stops at the metric's own limits (an accuracy's whisker ends at 1,
    /// the most an accuracy can be). Each name carries its mean and its number of folds.
    /// </summary>
    /// <param name="candidates">The candidates' names, best first.</param>
    /// <param name="means">Cross-validated means, same order.</param>
    /// <param name="standardDeviations">Their standard deviations over the folds, same order.</param>
    /// <param name="foldCounts">How many fold scores each mean rests on, same order (spare time repeats some candidates' folds).</param>
    /// <param name="metric">The metric's name for the axis (<c>accuracy</c>, <c>log-loss</c>, …).</param>
    /// <param name="method">How the scores were measured, for the title (<c>5-fold CV</c>, …): keep it short, the title does not wrap.</param>
    /// <param name="range">The values the metric can take (<c>(0, 1)</c> for an accuracy; infinite ends: unbounded); the axis stays inside it.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static BarChart Create(IReadOnlyList<string> candidates, IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations,
        IReadOnlyList<int> foldCounts, string metric, string method, (double Min, double Max) range)
    {
        if (candidates.Count == 0) throw new ArgumentException("no candidates to draw", nameof(candidates));
        if (means.Count != candidates.Count || standardDeviations.Count != candidates.Count || foldCounts.Count != candidates.Count)
            throw new ArgumentException("one mean, one standard deviation and one fold count per candidate", nameof(means));
        var low = candidates.Select((_, i) => means[i] - standardDeviations[i]).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        var high = candidates.Select((_, i) => means[i] + standardDeviations[i]).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        var span = Math.Max(high - low, 1e-6);
        // The values go with the names: written at the bars' ends they would sit on the whiskers.
        var names = candidates.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{c}  {means[i]:0.000} ({foldCounts[i]} fold{(foldCounts[i] == 1 ? "" : "s")})")).ToArray();
        return new BarChart($"Head search: {metric} ({method})", $"{metric} (mean ± sd over each candidate's folds)", "candidate", names,
            [new BarSeries(metric, means, standardDeviations)])
        {
            ValueMin = Math.Max(low - span * 0.25, range.Min),
            ValueMax = Math.Min(high + span * 0.15, range.Max),
            ShowValues = false,
            Width = 1000,
            Height = Math.Clamp(140 + 45 * candidates.Count, 350, 1600),
        };
    }
}
