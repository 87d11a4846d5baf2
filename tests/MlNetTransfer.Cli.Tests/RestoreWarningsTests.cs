using System.Text.Json;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Restoring the app's projects says nothing: every version a dependency asks for but the package source does not serve
/// (ML.NET ImageAnalytics 5.0.1 asks for SkiaSharp 2.88.8) is pinned centrally to the one taken (Directory.Packages.props),
/// so no NU1603 warning is printed on every <c>dotnet run</c>; the plotting plugin keeps ScottPlot's SkiaSharp 3. Read from
/// the restore results of this build (<c>obj/project.assets.json</c>, whose "logs" hold restore warnings).
/// </summary>
public sealed class RestoreWarningsTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetTransfer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No MlNetTransfer.sln above '{AppContext.BaseDirectory}'.");
    }

    private static JsonDocument Assets(string project) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "src", project, "obj", "project.assets.json")));

    private static string Resolved(JsonDocument assets, string package) =>
        assets.RootElement.GetProperty("targets").EnumerateObject().First().Value.EnumerateObject()
            .Select(p => p.Name.Split('/')).Single(n => n[0] == package)[1];

    [Theory]
    [InlineData("MlNetTransfer.Cli")]
    [InlineData("MlNetTransfer")]
    [InlineData("MlNetTransfer.BackboneBuilder")]
    [InlineData("MlNetTransfer.Charts")]
    [InlineData("MlNetTransfer.Plotting")]
    public void The_app_restores_without_NU1603(string project)
    {
        using var assets = Assets(project);
        var warnings = assets.RootElement.TryGetProperty("logs", out var logs)
            ? logs.EnumerateArray().Where(l => l.GetProperty("code").GetString() == "NU1603").Select(l => l.GetProperty("message").GetString()).ToList()
            : [];
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Fact]
    public void ML_NET_gets_SkiaSharp_2_88_and_the_plotting_plugin_SkiaSharp_3()
    {
        using var app = Assets("MlNetTransfer.Cli");
        using var plotting = Assets("MlNetTransfer.Plotting");
        Assert.StartsWith("2.88.", Resolved(app, "SkiaSharp"));
        Assert.StartsWith("2.88.", Resolved(app, "SkiaSharp.NativeAssets.Linux.NoDependencies"));
        Assert.StartsWith("3.", Resolved(plotting, "SkiaSharp"));
    }
}
