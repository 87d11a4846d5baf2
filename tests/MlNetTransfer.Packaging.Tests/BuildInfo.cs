using System.Reflection;

namespace MlNetTransfer.Packaging.Tests;

/// <summary>What the build of this test assembly knew: the repository, its configuration and the NuGet packages folder.</summary>
internal static class BuildInfo
{
    /// <summary>The repository's root folder (ends with a separator).</summary>
    public static string RepoRoot => Value("RepoRoot");

    /// <summary>The configuration the solution was built in, so the packages are packed from that build's output.</summary>
    public static string Configuration => Value("Configuration");

    /// <summary>The global packages folder restore used: the consumer app's restore falls back to it, so nothing is downloaded again.</summary>
    public static string NuGetPackageRoot => Value("NuGetPackageRoot");

    private static string Value(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The build set no {key}.");
}
