using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MlNetTransfer.Tests.Docs;

/// <summary>
/// The docs cannot drift: every C# block of README.md and ARCHITECTURE.md is a region of samples/MlNetTransfer.Samples
/// (<c>// begin-snippet: name</c> … <c>// end-snippet</c>; a name's regions in one file are joined, usings first), and
/// that project — a user's console app with one reference to the library — is copied out of the repo, built and run
/// on the data shipped in data/, each sample checking its own outcome.
/// </summary>
public sealed partial class SamplesTests
{
    private static string Samples => Path.Combine(TestData.RepoRoot(), "samples", "MlNetTransfer.Samples");

    [Fact]
    public void EveryCSharpBlockOfTheDocs_IsARegionOfTheSamples()
    {
        var regions = Regions();
        Assert.NotEmpty(regions);
        var blocks = new[] { "README.md", "ARCHITECTURE.md" }
            .SelectMany(doc => CSharpBlock().Matches(File.ReadAllText(Path.Combine(TestData.RepoRoot(), doc)))
                .Select((m, i) => (Where: $"{doc} C# block {i + 1}", Code: Normalize(m.Groups[1].Value))))
            .ToList();
        Assert.NotEmpty(blocks);
        var unmatched = blocks.Where(b => !regions.Values.Contains(b.Code)).ToList();
        Assert.True(unmatched.Count == 0, "Not a region of samples/MlNetTransfer.Samples (copy the sample's region into the doc, or the doc's code into a sample):\n"
            + string.Join("\n\n", unmatched.Select(b => $"{b.Where}:\n{b.Code}")));
        var shown = blocks.Select(b => b.Code).ToHashSet();
        var notInDocs = regions.Where(r => !shown.Contains(r.Value)).Select(r => r.Key).ToList();
        Assert.True(notInDocs.Count == 0, $"Sample regions no doc shows: {string.Join(", ", notInDocs)}");
    }

    [Fact]
    public void Samples_BuildAndRun_AsAConsoleAppOutsideTheRepo_ReferencingOnlyTheLibrary()
    {
        var app = Path.Combine(Path.GetTempPath(), "mlnet-transfer-samples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(app);
        try
        {
            foreach (var file in Directory.GetFiles(Samples).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
                File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
            var project = Path.Combine(app, "MlNetTransfer.Samples.csproj");
            var library = Path.Combine(TestData.RepoRoot(), "src", "MlNetTransfer", "MlNetTransfer.csproj");
            var text = File.ReadAllText(project);
            Assert.Contains("../../src/MlNetTransfer/MlNetTransfer.csproj", text);
            File.WriteAllText(project, text.Replace("../../src/MlNetTransfer/MlNetTransfer.csproj", library));

            var (code, output) = Run(app, "run", "-c", "Release", "--", Path.Combine(TestData.RepoRoot(), "data"), Path.Combine(app, "out"));
            Assert.True(code == 0, $"the samples app failed ({code}):\n{output}");
            var names = SampleNames().Matches(File.ReadAllText(Path.Combine(Samples, "Program.cs"))).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(names);
            foreach (var name in names) Assert.Contains($"ok: {name}: ", output);
            // The built-in backbones reached the app's output with the reference alone.
            Assert.True(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "onnx-models", "resnet18.onnx")), output);
        }
        finally
        {
            try { Directory.Delete(app, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Region name -> its code (the name's regions in file order, joined by a blank line), dedented.</summary>
    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Samples, "*.cs").Order(StringComparer.Ordinal))
        {
            string? name = null;
            var lines = new List<string>();
            foreach (var line in File.ReadLines(file))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("// begin-snippet: ", StringComparison.Ordinal)) { name = trimmed["// begin-snippet: ".Length..]; lines.Clear(); }
                else if (trimmed == "// end-snippet" && name is not null)
                {
                    if (!regions.TryGetValue(name, out var parts)) regions[name] = parts = [];
                    parts.Add(Normalize(string.Join('\n', lines)));
                    name = null;
                }
                else if (name is not null) lines.Add(line);
            }
        }
        return regions.ToDictionary(r => r.Key, r => string.Join("\n\n", r.Value));
    }

    /// <summary>Trailing spaces and the common indentation removed, blank lines at both ends dropped.</summary>
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    private static (int Code, string Output) Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Built as a user builds it: nothing inherited from the test host's own MSBuild run.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + stderr.Result);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\[""([a-z0-9-]+)""\] = ")]
    private static partial Regex SampleNames();
}
