using System.Reflection;
using System.Runtime.Loader;

namespace MlNetTransfer.Plots;

/// <summary>
/// Loads the plotting plugin and its dependencies (ScottPlot, SkiaSharp 3 and their native libraries) from the plugin's
/// folder, as its <c>.deps.json</c> lists them, apart from the default context where ML.NET's image steps use SkiaSharp
/// 2.88. The chart types (<c>MlNetTransfer.Charts</c>) come from the default context, so both sides share them.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext("mlnet-transfer-plotting")
{
    private const string SharedAssembly = "MlNetTransfer.Charts";
    private readonly AssemblyDependencyResolver resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == SharedAssembly) return null;
        return resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : 0;
}
