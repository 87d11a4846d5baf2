namespace MlNetTransfer.Charts;

/// <summary>
/// Horizontal bars: one row per category (the first on top), one bar per series in each row, values along the x axis.
/// Long category names read better down the side than rotated under the plot.
/// </summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="XLabel">The value axis' label.</param>
/// <param name="YLabel">The category axis' label.</param>
/// <param name="Categories">The rows, top to bottom.</param>
/// <param name="Series">The bars of each row (every series has one value per category).</param>
public sealed record BarChart(string Title, string XLabel, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<BarSeries> Series)
    : Chart(Title, XLabel, YLabel)
{
    /// <summary>The value axis' lower limit, where bars start; null: 0.</summary>
    public double? ValueMin { get; init; }

    /// <summary>The value axis' upper limit; null: fitted to the bars and whiskers.</summary>
    public double? ValueMax { get; init; }

    /// <summary>Write each bar's value at its end (default true).</summary>
    public bool ShowValues { get; init; } = true;

    /// <summary>
    /// Write the values (<see cref="ShowValues"/>) centred inside the bars rather than beyond their ends (default false):
    /// for an axis that stops at the values' own limit (1 for a score), which leaves no room beyond a full bar.
    /// </summary>
    public bool ValuesInside { get; init; }
}
