namespace MlNetTransfer.Charts;

/// <summary>
/// A labelled grid of values drawn as colours with each cell's text on it, e.g. a confusion matrix (rows: true class,
/// columns: predicted class). Row 0 is drawn at the top.
/// </summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="XLabel">The horizontal axis' label (what the columns are).</param>
/// <param name="YLabel">The vertical axis' label (what the rows are).</param>
/// <param name="RowLabels">One tick label per row.</param>
/// <param name="ColumnLabels">One tick label per column.</param>
/// <param name="Values">Values[row][column], the colour scale's input; every row has <c>ColumnLabels.Count</c> values.</param>
/// <param name="CellText">Text drawn on each cell, same shape as <paramref name="Values"/>.</param>
public sealed record HeatmapChart(string Title, string XLabel, string YLabel, IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels, IReadOnlyList<IReadOnlyList<double>> Values, IReadOnlyList<IReadOnlyList<string>> CellText)
    : Chart(Title, XLabel, YLabel)
{
    /// <summary>The value drawn darkest (the colour scale runs from 0 to it); null: the largest value.</summary>
    public double? ColourMax { get; init; }

    /// <summary>The colour bar's label (what the colours mean); empty for none.</summary>
    public string ColourLabel { get; init; } = "";
}
