using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// Generated projects build with <c>dotnet build</c> (each in its own temp folder, the three at once) and predict what
/// the library predicts: the image console app and web API for a ResNet18 model, and the console app for a CSV model
/// whose column names clash after sanitising and whose text part needs MlNetTransfer's DLLs.
/// </summary>
[Collection(CodegenModelsCollection.Name)]
public sealed class CodegenBuildTests(CodegenModelsFixture models, CodegenBuildTests.Projects projects) : IClassFixture<CodegenBuildTests.Projects>
{
    /// <summary>A hang guard, far above a build on a loaded machine (about 2 minutes for three at once on 2 busy cores).</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(20);

    /// <summary>Generates and builds the three projects once, in parallel, from the shared models.</summary>
    public sealed class Projects : IDisposable
    {
        private Lazy<Built>? _lazy;

        public Built Get(CodegenModelsFixture models)
        {
            lock (this)
            {
                _lazy ??= new Lazy<Built>(() => Build(models));
                return _lazy.Value;
            }
        }

        private static Built Build(CodegenModelsFixture models)
        {
            var dir = TestData.TempDir();
            var imageConsole = CodegenWorkflow.Run(new CodegenOptions { Model = models.ImageZip, Out = Path.Combine(dir, "image-console") });
            var imageWeb = CodegenWorkflow.Run(new CodegenOptions { Model = models.ImageZip, Out = Path.Combine(dir, "image-web"), Kind = CodegenKind.WebApi });
            var mixedConsole = CodegenWorkflow.Run(new CodegenOptions { Model = models.MixedZip, Out = Path.Combine(dir, "mixed console") });
            var watch = Stopwatch.StartNew();
            var builds = new[] { imageConsole, imageWeb, mixedConsole }
                .Select(p => Task.Run(() => Dotnet(p.Folder, "build", "-c", "Release", "-nodeReuse:false", "--disable-build-servers")))
                .ToArray();
            Task.WaitAll(builds);
            return new Built(dir, imageConsole, imageWeb, mixedConsole, builds.Select(b => b.Result).ToList(), watch.Elapsed);
        }

        public void Dispose()
        {
            if (_lazy is { IsValueCreated: true, Value: var built })
                try { Directory.Delete(built.Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public sealed record Built(string Dir, CodegenResult ImageConsole, CodegenResult ImageWeb, CodegenResult MixedConsole,
        IReadOnlyList<(int Code, string Output)> Builds, TimeSpan BuildTime)
    {
        public void AssertBuilt()
        {
            foreach (var ((code, output), project) in Builds.Zip([ImageConsole, ImageWeb, MixedConsole]))
                Assert.True(code == 0, $"dotnet build of {project.ProjectFile} failed ({code}):\n{output}");
        }
    }

    /// <summary>Runs dotnet as a user would: nothing inherited from the test host's own MSBuild run.</summary>
    private static (int Code, string Output) Dotnet(string directory, params string[] args)
    {
        using var process = Process.Start(Start(directory, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(HangGuard)) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static ProcessStartInfo Start(string directory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    private static string Dll(CodegenResult project) =>
        Path.Combine(project.Folder, "bin", "Release", "net10.0", Path.GetFileNameWithoutExtension(project.ProjectFile) + ".dll");

    private static string PredictedLine(string output) =>
        output.ReplaceLineEndings("\n").Split('\n').Single(l => l.StartsWith("predicted: ", StringComparison.Ordinal))["predicted: ".Length..];

    [Fact]
    public void ConsoleApp_ForAnImageModel_Builds_AndPredictsAsModelPredictor()
    {
        var built = projects.Get(models);
        built.AssertBuilt();
        using var predictor = ModelPredictor.Load(models.ImageZip);
        foreach (var image in models.TestImages.Take(3))
        {
            var (code, output) = Dotnet(built.Dir, Dll(built.ImageConsole), image);
            Assert.True(code == 0, output);
            var expected = predictor.Predict(image);
            Assert.Equal(expected.Predicted, PredictedLine(output));
            // Every label is printed with its score, highest first.
            var scores = output.ReplaceLineEndings("\n").Split('\n').SkipWhile(l => l != "score per label:").Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Trim().Split('\t')).ToList();
            Assert.Equal(predictor.Labels.Order(StringComparer.Ordinal), scores.Select(s => s[0]).Order(StringComparer.Ordinal));
            Assert.Equal(expected.Predicted, scores[0][0]);
        }
        var missing = Dotnet(built.Dir, Dll(built.ImageConsole), Path.Combine(built.Dir, "no-such.png"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("does not exist (column 'ImagePath')", missing.Output);
    }

    [Fact]
    public async Task WebApi_ForAnImageModel_Builds_AndAnswersPostPredict()
    {
        var built = projects.Get(models);
        built.AssertBuilt();
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = Start(built.Dir, [Dll(built.ImageWeb), "--urls", $"http://127.0.0.1:{port}"]);
        start.RedirectStandardOutput = false;
        start.RedirectStandardError = false;
        using var server = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow + HangGuard;
            string[]? labels = null;
            while (labels is null)
            {
                Assert.False(server.HasExited, $"the web API exited with code {(server.HasExited ? server.ExitCode : 0)} before answering");
                Assert.True(DateTime.UtcNow < deadline, "the web API did not answer within the hang guard");
                try { labels = await http.GetFromJsonAsync<string[]>("/labels"); }
                catch (HttpRequestException) { await Task.Delay(200); }
            }
            using var predictor = ModelPredictor.Load(models.ImageZip);
            Assert.Equal(predictor.Labels, labels);
            var image = models.TestImages[0];
            var response = await http.PostAsJsonAsync("/predict", new Dictionary<string, string> { ["ImagePath"] = image });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            using var json = JsonDocument.Parse(body);
            Assert.Equal(predictor.Predict(image).Predicted, json.RootElement.GetProperty("PredictedLabel").GetString());
            Assert.Equal(labels.Length, json.RootElement.GetProperty("Score").GetArrayLength());

            var bad = await http.PostAsJsonAsync("/predict", new Dictionary<string, string> { ["ImagePath"] = Path.Combine(built.Dir, "no-such.png") });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("does not exist on the server", await bad.Content.ReadAsStringAsync());
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    [Fact]
    public void ConsoleApp_ForACsvModelWithOddColumnNamesAndATextPart_Builds_AndPredictsAsPredictWorkflow()
    {
        var built = projects.Get(models);
        built.AssertBuilt();
        Assert.True(built.MixedConsole.NeedsLibrary);
        Assert.Contains("lib/MlNetTransfer.dll", built.MixedConsole.Files);
        var expected = PredictWorkflow.Many(models.MixedZip, models.MixedTestCsv, Path.Combine(built.Dir, "mixed-predictions.csv"), "label");
        var lines = File.ReadAllLines(models.MixedTestCsv).Skip(1).ToList();
        Assert.Equal(lines.Count, expected.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var withoutLabel = lines[i][..lines[i].LastIndexOf(',')];
            var (code, output) = Dotnet(built.Dir, Dll(built.MixedConsole), withoutLabel);
            Assert.True(code == 0, $"{withoutLabel}\n{output}");
            Assert.Equal(expected[i].Predicted, PredictedLine(output));
        }
    }
}
