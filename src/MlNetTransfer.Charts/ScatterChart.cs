namespace MlNetTransfer.Charts;

/// <summary>Points in groups, one colour and one legend entry per group, plus optional reference lines.</summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="XLabel">The horizontal axis' label.</param>
/// <param name="YLabel">The vertical axis' label.</param>
/// <param name="Groups">The point groups, drawn in this order (the first gets the first palette colour).</param>
public sealed record ScatterChart(string Title, string XLabel, string YLabel, IReadOnlyList<PointGroup> Groups)
    : Chart(Title, XLabel, YLabel)
{
    /// <summary>Lines drawn over the points (none by default).</summary>
    public IReadOnlyList<ReferenceLine> Lines { get; init; } = [];

    /// <summary>Marker diameter in pixels (default 5; use less for thousands of points).</summary>
    public float MarkerSize { get; init; } = 5;
}
