namespace MlNetTransfer.Charts;

/// <summary>
/// What a chart shows, independent of any drawing library: a title, axis labels and a size in pixels. The library
/// builds charts from its results; <see cref="IChartRenderer"/> draws them (ScottPlot 5, in the plotting plugin).
/// </summary>
/// <param name="Title">Shown above the plot area.</param>
/// <param name="XLabel">The horizontal axis' label.</param>
/// <param name="YLabel">The vertical axis' label.</param>
public abstract record Chart(string Title, string XLabel, string YLabel)
{
    /// <summary>Image width in pixels (default 800).</summary>
    public int Width { get; init; } = 800;

    /// <summary>Image height in pixels (default 600).</summary>
    public int Height { get; init; } = 600;
}
