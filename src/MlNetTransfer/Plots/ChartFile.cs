using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>Draws <see cref="Chart"/>s as PNG files (ScottPlot 5 through the plotting plugin).</summary>
public static class ChartFile
{
    /// <summary>Draws <paramref name="chart"/> and writes it to <paramref name="pngPath"/> atomically.</summary>
    /// <exception cref="UserInputException">The file's folder does not exist or cannot be written.</exception>
    /// <exception cref="InvalidOperationException">The plotting plugin is not installed beside the app.</exception>
    public static void Save(Chart chart, string pngPath)
    {
        AtomicFile.CheckWritable(pngPath, "picture");
        AtomicFile.WriteBytes(pngPath, Render(chart));
    }

    /// <summary>Draws <paramref name="chart"/> and returns the PNG file's bytes.</summary>
    /// <exception cref="InvalidOperationException">The plotting plugin is not installed beside the app.</exception>
    public static byte[] Render(Chart chart) => PlottingPlugin.Renderer.RenderPng(chart);
}
