using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlNetTransfer.Packaging.Tests;

/// <summary>
/// The two packages a .NET user installs in one line (README "Installing"), packed once from this build
/// (<see cref="PackedPackages"/>): what each holds, the tool installed into a temp tool path and run, and the library
/// referenced from a fresh console app that builds and runs. Restores use the configured NuGet sources and nothing else.
/// </summary>
public sealed partial class PackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    /// <summary>The platform folders (runtimes/&lt;rid&gt;/) the packages may carry: desktop and server machines, and portable ones.</summary>
    private static readonly string[] ShippedRuntimes = ["linux-x64", "linux-arm64", "osx", "osx-x64", "osx-arm64", "win-x64", "win-arm64", "win", "unix", "linux"];

    private const string ToolFolder = "tools/net10.0/any/";

    [Fact]
    public void Library_package_holds_docs_manifests_builder_plugin_and_the_consumer_build_targets()
    {
        using var zip = ZipFile.OpenRead(packages.Package("MlNetTransfer"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string[] expected = [
            "README.md", "lib/net10.0/MlNetTransfer.dll", "lib/net10.0/MlNetTransfer.xml",
            "build/MlNetTransfer.targets", "buildTransitive/MlNetTransfer.targets", "onnx-models/README.md",
            "tools/backbone-builder/MlNetTransfer.BackboneBuilder.dll", "tools/backbone-builder/MlNetTransfer.BackboneBuilder.runtimeconfig.json",
            "plotting/MlNetTransfer.Plotting.dll", "plotting/MlNetTransfer.Plotting.deps.json", "plotting/ScottPlot.dll",
            .. BuiltIns().Select(b => $"onnx-models/{b.Name}.json")];
        Assert.Empty(expected.Except(entries));
        // The models are not in it: a consumer's build reads them out of their own packages.
        Assert.DoesNotContain(entries, e => e.EndsWith(".onnx", StringComparison.Ordinal));
        Assert.Equal(["linux-arm64", "linux-x64", "osx", "win-arm64", "win-x64"], Runtimes(entries, "plotting/runtimes/"));

        var nuspec = Nuspec(zip);
        Assert.Equal("MIT", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => e, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Microsoft.ML", dependencies.Keys);
        Assert.Contains("MlNetTransfer.Charts", dependencies.Keys);
        // Each built-in's source package is a dependency (restore fetches it) of which no build, compile or runtime asset is used.
        foreach (var (name, package) in BuiltIns())
        {
            Assert.True(dependencies.TryGetValue(package, out var dependency), $"{name}'s package {package} is not a dependency");
            Assert.Equal("ContentFiles", (string?)dependency.Attribute("include"));
        }

        // The package README's C# is the repository README's (whose blocks the samples test runs).
        var readme = File.ReadAllText(Path.Combine(BuildInfo.RepoRoot, "README.md"));
        var blocks = CSharpBlock().Matches(File.ReadAllText(Path.Combine(BuildInfo.RepoRoot, "src", "MlNetTransfer", "PACKAGE.md"))).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.Contains(block.Value, readme));
    }

    [Fact]
    public void Tool_package_holds_the_backbones_and_demo_data_and_only_desktop_and_server_natives()
    {
        using var zip = ZipFile.OpenRead(packages.Package("MlNetTransfer.Cli"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string[] expected = [
            "README.md", ToolFolder + "mlnet-transfer.dll", ToolFolder + "DotnetToolSettings.xml", ToolFolder + "plotting/MlNetTransfer.Plotting.dll",
            .. BuiltIns().SelectMany(b => new[] { $"{ToolFolder}onnx-models/{b.Name}.json", $"{ToolFolder}onnx-models/{b.Name}.onnx" })];
        Assert.Empty(expected.Except(entries));
        Assert.Contains(entries, e => e.StartsWith(ToolFolder + "data/fashion-mnist-small/test/bag/", StringComparison.Ordinal));

        var runtimes = Runtimes(entries, ToolFolder + "runtimes/");
        Assert.Empty(runtimes.Except(ShippedRuntimes));   // no android, ios, maccatalyst, browser-wasm, musl, 32-bit
        Assert.Empty(new[] { "linux-x64", "linux-arm64", "osx-arm64", "osx-x64", "win-x64", "win-arm64" }.Except(runtimes));
        Assert.Empty(Runtimes(entries, ToolFolder + "plotting/runtimes/").Except(ShippedRuntimes));
        Assert.DoesNotContain(entries, e => e.EndsWith(".dbg", StringComparison.Ordinal) || e.EndsWith(".dwarf", StringComparison.Ordinal));

        var nuspec = Nuspec(zip);
        Assert.Equal("DotnetTool", (string?)nuspec.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name"));
        Assert.Equal("MIT", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value);
    }

    [Fact]
    public void Tool_installs_from_the_package_and_its_demo_trains_and_plots()
    {
        using var folder = packages.NewFolder("tool-run");
        var run = folder.Path;
        var tools = Path.Combine(run, "tools");
        DotnetProcess.Dotnet(run, "tool", "install", "--tool-path", tools, "--add-source", packages.Feed, "--version", packages.Version, "MlNetTransfer.Cli").Succeeded();
        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "mlnet-transfer.exe" : "mlnet-transfer");

        // From a folder without data/: the demo finds the copy that came with the tool.
        var demo = DotnetProcess.Run(tool, run, "demo", "--out-dir", Path.Combine(run, "demo")).Succeeded();
        using (var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "demo", "metrics.json"))))
        {
            var accuracy = metrics.RootElement.GetProperty("accuracy").GetDouble();
            Assert.True(accuracy >= 0.6, $"demo accuracy {accuracy} (measured 0.69)\n{demo.Describe()}");
            Assert.Equal(10, metrics.RootElement.GetProperty("labels").GetArrayLength());
        }

        // The plotting plugin came with the tool (evaluated on one test image per class, to be quick).
        var test = Path.Combine(run, "test");
        foreach (var classFolder in Directory.GetDirectories(Path.Combine(BuildInfo.RepoRoot, "data", "fashion-mnist-small", "test")))
        {
            var first = Directory.GetFiles(classFolder).Order(StringComparer.Ordinal).First();
            Directory.CreateDirectory(Path.Combine(test, Path.GetFileName(classFolder)));
            File.Copy(first, Path.Combine(test, Path.GetFileName(classFolder), Path.GetFileName(first)));
        }
        var plot = Path.Combine(run, "confusion.png");
        var evaluate = DotnetProcess.Run(tool, run, "evaluate", "--model", Path.Combine(run, "demo", "model.zip"), "--data", test, "--plot", plot).Succeeded();
        AssertPng(plot, evaluate);
    }

    [Fact]
    public void Library_package_gives_a_fresh_console_app_the_backbones_and_plugin_and_it_trains_and_predicts()
    {
        using var folder = packages.NewFolder("consumer");
        var app = folder.Path;
        foreach (var file in Directory.GetFiles(Path.Combine(BuildInfo.RepoRoot, "tests", "MlNetTransfer.Packaging.Tests", "ConsumerApp")))
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        // The feed of this run next to the configured sources (inherited, not named); a packages folder of its own, falling
        // back to the one this repository restored into, so nothing already restored is downloaded again and no package of
        // this run is left in the user's cache.
        static string Xml(string value) => System.Security.SecurityElement.Escape(value);
        var fallback = BuildInfo.NuGetPackageRoot.Length == 0 ? ""
            : $"<fallbackPackageFolders><add key=\"restored\" value=\"{Xml(BuildInfo.NuGetPackageRoot)}\" /></fallbackPackageFolders>";
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Xml(Path.Combine(app, "packages"))}" /></config>
              <packageSources><add key="mlnet-transfer-local" value="{Xml(packages.Feed)}" /></packageSources>
              {fallback}
            </configuration>
            """);

        var build = DotnetProcess.Dotnet(app, "build", "-c", "Release", "--disable-build-servers", $"-p:MlNetTransferVersion={packages.Version}").Succeeded();
        var output = Path.Combine(app, "bin", "Release", "net10.0");
        foreach (var (name, _) in BuiltIns())
        {
            var manifest = Manifest(name);
            var model = Path.Combine(output, "onnx-models", manifest.GetProperty("file").GetString()!);
            Assert.True(File.Exists(model), $"{model} is missing\n{build.Describe()}");
            Assert.Equal(manifest.GetProperty("sha256").GetString(), Sha256(model));
        }
        Assert.True(File.Exists(Path.Combine(output, "plotting", "MlNetTransfer.Plotting.dll")), build.Describe());

        var train = Path.Combine(BuildInfo.RepoRoot, "data", "fashion-mnist-small", "train");
        var chart = Path.Combine(app, "confusion.png");
        var run = DotnetProcess.Dotnet(app, Path.Combine(output, "ConsumerApp.dll"), train, "3", chart).Succeeded();
        var classes = Directory.GetDirectories(train).Select(Path.GetFileName).ToHashSet();
        var predictions = Prediction().Matches(run.Output).Select(m => (Label: m.Groups[1].Value, Predicted: m.Groups[2].Value)).ToList();
        Assert.True(predictions.Count == classes.Count, run.Describe());
        Assert.All(predictions, p => Assert.Contains(p.Predicted, classes));
        // Trained on 3 images per class, it gets 5 of the 10 next images right (measured); chance is 1.
        Assert.True(predictions.Count(p => p.Label == p.Predicted) >= 3, run.Describe());
        AssertPng(chart, run);
    }

    /// <summary>The built-in backbones (onnx-models/*.json) and the package each is built from.</summary>
    private static IReadOnlyList<(string Name, string Package)> BuiltIns() =>
        Directory.GetFiles(Path.Combine(BuildInfo.RepoRoot, "onnx-models"), "*.json").Order(StringComparer.Ordinal)
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => (name!, Manifest(name!).GetProperty("source").GetProperty("package").GetString()!))
            .ToList();

    private static JsonElement Manifest(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuildInfo.RepoRoot, "onnx-models", name + ".json")));
        return doc.RootElement.Clone();
    }

    /// <summary>The distinct &lt;rid&gt; folders right under <paramref name="prefix"/>, sorted.</summary>
    private static List<string> Runtimes(IEnumerable<string> entries, string prefix) =>
        entries.Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e[prefix.Length..].Split('/')[0])
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
        return XDocument.Load(stream);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void AssertPng(string path, ProcessResult producer)
    {
        Assert.True(File.Exists(path), $"{path} was not written\n{producer.Describe()}");
        var head = new byte[8];
        using (var stream = File.OpenRead(path)) stream.ReadExactly(head);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, head);
    }

    [GeneratedRegex(@"```csharp\n.*?```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^predicted \S+ \((\S+)\) -> (\S+)$", RegexOptions.Multiline)]
    private static partial Regex Prediction();
}
