namespace MlNetTransfer.Charts;

/// <summary>Counts in adjacent bins drawn as bars (the binning is done by whoever builds the chart).</summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="XLabel">The horizontal axis' label (the binned quantity).</param>
/// <param name="YLabel">The vertical axis' label (usually "count").</param>
/// <param name="BinEdges">Increasing bin edges, one more than <paramref name="Counts"/>.</param>
/// <param name="Counts">How many values fell in each bin.</param>
public sealed record HistogramChart(string Title, string XLabel, string YLabel, IReadOnlyList<double> BinEdges, IReadOnlyList<int> Counts)
    : Chart(Title, XLabel, YLabel);
