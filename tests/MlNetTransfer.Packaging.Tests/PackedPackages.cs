namespace MlNetTransfer.Packaging.Tests;

/// <summary>
/// One <c>dotnet pack</c> of the solution for all the package tests: the library (MlNetTransfer), its chart records
/// (MlNetTransfer.Charts) and the tool (MlNetTransfer.Cli), packed without building from the build this test assembly
/// belongs to (its project references the tool, so that build is current), into a temp feed. The version is new for each
/// run (<c>0.1.0-local.&lt;id&gt;</c>), so no package of an earlier run, in any NuGet cache, can stand in for these.
/// Everything pack writes goes to the temp folder, except the tool settings and publish list in the tool's obj/, which
/// only pack writes; the tool's publish folder is the temp folder's, so no stale file of an earlier publish is packed.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    /// <summary>Packs the solution; fails with pack's output when it fails.</summary>
    public PackedPackages()
    {
        Root = Path.Combine(Path.GetTempPath(), "mlnet-transfer-packaging", Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.1.0-local." + Guid.NewGuid().ToString("N")[..12];
        DotnetProcess.Dotnet(Root, "pack", Path.Combine(BuildInfo.RepoRoot, "MlNetTransfer.sln"), "--no-build", "--disable-build-servers",
            "-c", BuildInfo.Configuration, "-o", Feed, $"-p:Version={Version}",
            $"-p:PublishDir={Path.Combine(Root, "publish")}{Path.DirectorySeparatorChar}",
            $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}{Path.DirectorySeparatorChar}").Succeeded();
        TempFolder.Delete(Path.Combine(Root, "publish"));   // the tool's publish folder, packed: half a gigabyte
    }

    /// <summary>The temp folder that holds the feed and whatever the tests make; deleted at the end.</summary>
    public string Root { get; }

    /// <summary>The folder of .nupkg files.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>The path of package <paramref name="id"/>'s .nupkg (asserted to exist).</summary>
    public string Package(string id)
    {
        var path = Path.Combine(Feed, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"no {id} package in {Feed}: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        return path;
    }

    /// <summary>A new empty folder under <see cref="Root"/>, deleted when disposed (a tool install and a consumer build
    /// take a gigabyte each).</summary>
    public TempFolder NewFolder(string name) => new(Path.Combine(Root, name));

    /// <summary>Deletes the temp folder.</summary>
    public void Dispose() => TempFolder.Delete(Root);
}
