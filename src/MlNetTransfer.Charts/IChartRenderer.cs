namespace MlNetTransfer.Charts;

/// <summary>Draws a <see cref="Chart"/> as a PNG image.</summary>
public interface IChartRenderer
{
    /// <summary>Draws <paramref name="chart"/> at its <see cref="Chart.Width"/> x <see cref="Chart.Height"/> pixels.</summary>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="NotSupportedException">The renderer does not know the chart's type.</exception>
    byte[] RenderPng(Chart chart);
}
