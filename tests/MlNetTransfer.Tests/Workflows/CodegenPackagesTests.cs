using System.Text.RegularExpressions;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>The generated projects reference the versions this repository builds with, and every dependency of the library.</summary>
public sealed partial class CodegenPackagesTests
{
    private static Dictionary<string, string> Pinned() =>
        PackageVersion().Matches(File.ReadAllText(Path.Combine(TestData.RepoRoot(), "Directory.Packages.props")))
            .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.First().Groups[2].Value);

    [Fact]
    public void EveryVersion_EqualsDirectoryPackagesProps()
    {
        var pinned = Pinned();
        foreach (var id in CodegenPackages.LibraryDependencies) Assert.True(pinned.ContainsKey(id), $"{id} is not pinned in Directory.Packages.props");
        // SkiaSharp is pinned there once the transitive pins land; until then only the ML.NET ones are checked for it.
        foreach (var (id, version) in CodegenPackages.Versions.Where(v => pinned.ContainsKey(v.Key)))
            Assert.True(pinned[id] == version, $"codegen writes {id} {version}; Directory.Packages.props pins {pinned[id]}");
    }

    [Fact]
    public void LibraryDependencies_AreTheLibrarysPackageReferences()
    {
        var csproj = File.ReadAllText(Path.Combine(TestData.RepoRoot(), "src", "MlNetTransfer", "MlNetTransfer.csproj"));
        var referenced = PackageReference().Matches(csproj).Select(m => m.Groups[1].Value).Where(id => !id.Contains(".Gpu", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(referenced, CodegenPackages.LibraryDependencies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void For_AddsTheNativeRuntimes_AndTheLibrarysDependencies_AndRefusesAnUnknownAssembly()
    {
        Assert.Equal(["Microsoft.ML"], CodegenPackages.For(["Microsoft.ML.Data", "Microsoft.ML.StandardTrainers"]).Select(p => p.Id));
        Assert.Equal(["Microsoft.ML", "Microsoft.ML.OnnxTransformer", "Microsoft.ML.ImageAnalytics", "Microsoft.ML.OnnxRuntime", "SkiaSharp", "SkiaSharp.NativeAssets.Linux.NoDependencies"],
            CodegenPackages.For(["Microsoft.ML.Data", "Microsoft.ML.OnnxTransformer", "Microsoft.ML.ImageAnalytics"]).Select(p => p.Id));
        Assert.Equal(["Microsoft.ML", "Microsoft.ML.LightGbm"], CodegenPackages.For(["Microsoft.ML.LightGbm"]).Select(p => p.Id));
        Assert.Superset(CodegenPackages.LibraryDependencies.ToHashSet(), CodegenPackages.For(["MlNetTransfer"]).Select(p => p.Id).ToHashSet());
        var e = Assert.Throws<UserInputException>(() => CodegenPackages.For(["Microsoft.ML.TimeSeries", "Microsoft.ML.Data"]));
        Assert.Contains("'Microsoft.ML.TimeSeries'", e.Message);
    }

    [GeneratedRegex("<PackageVersion Include=\"([^\"]+)\" Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();

    // Code dependencies only: the model packages are referenced for their content files (IncludeAssets="contentFiles").
    [GeneratedRegex("<PackageReference Include=\"([^\"]+)\"(?![^>]*IncludeAssets=\"contentFiles\")")]
    private static partial Regex PackageReference();
}
