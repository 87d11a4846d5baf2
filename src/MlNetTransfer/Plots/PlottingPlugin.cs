using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>
/// The chart renderer of the <c>plotting/</c> folder that building any project referencing the library puts beside the
/// app (<c>MlNetTransfer.Plotting.dll</c>, ScottPlot 5), loaded once per process in its own load context.
/// </summary>
internal static class PlottingPlugin
{
    private const string Folder = "plotting";
    private const string AssemblyFile = "MlNetTransfer.Plotting.dll";
    private const string RendererType = "MlNetTransfer.Plotting.ScottPlotChartRenderer";

    private static readonly Lazy<IChartRenderer> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The renderer; the first call loads the plugin.</summary>
    /// <exception cref="InvalidOperationException">The plugin is not installed beside the app (a broken build or publish).</exception>
    public static IChartRenderer Renderer => Loaded.Value;

    private static IChartRenderer Load()
    {
        var candidates = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(PlottingPlugin).Assembly.Location) ?? "" }
            .Where(dir => dir.Length > 0)
            .Select(dir => Path.Combine(dir, Folder, AssemblyFile))
            .Distinct()
            .ToList();
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"The plotting plugin is missing: looked for {string.Join(" and ", candidates)}. Building or publishing a project that references MlNetTransfer puts it there; copy the whole output folder, plotting/ included.");
        var context = new PluginLoadContext(path);
        var type = context.LoadFromAssemblyPath(path).GetType(RendererType, throwOnError: true)!;
        return (IChartRenderer)Activator.CreateInstance(type)!;
    }
}
