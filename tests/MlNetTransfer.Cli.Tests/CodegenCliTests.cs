namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// <c>codegen</c> from the command line: a project for a penguins model (the generated projects are built by the
/// library's <c>Workflows/CodegenBuildTests</c>), and the errors a user can make, each one line and exit code 1.
/// </summary>
public sealed class CodegenCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Model()
    {
        _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["penguins.zip"]).Succeeded();
        return _dir["penguins.zip"];
    }

    [Fact]
    public void Codegen_WritesAConsoleProject_WithTheZipAndSanitisedProperties()
    {
        var model = Model();
        var result = _dir.Run("codegen", "--model", model, "--out", _dir["penguin-app"]).Succeeded();
        Assert.Contains("console app project written to", result.Stdout);
        Assert.True(File.Exists(_dir["penguin-app/PenguinApp.csproj"]), result.Describe());
        Assert.Equal(File.ReadAllBytes(model), File.ReadAllBytes(_dir["penguin-app/model.zip"]));
        var input = File.ReadAllText(_dir["penguin-app/ModelInput.cs"]);
        Assert.Contains("[ColumnName(\"Beak Length (mm)\"), JsonPropertyName(\"Beak Length (mm)\")]", input);
        Assert.Contains("public float BeakLengthMm { get; set; }", input);
        Assert.Contains("public string Island { get; set; } = \"\";", input);
        var output = File.ReadAllText(_dir["penguin-app/ModelOutput.cs"]);
        Assert.Contains("\"Adelie\",", output);
        Assert.Contains("<PackageReference Include=\"Microsoft.ML\" Version=\"5.0.1\" />", File.ReadAllText(_dir["penguin-app/PenguinApp.csproj"]));
        Assert.Contains("| `Beak Length (mm)` | `BeakLengthMm` | `float` |", File.ReadAllText(_dir["penguin-app/README.md"]));
        Assert.False(Directory.Exists(_dir["penguin-app/lib"]), "a penguins model needs nothing of MlNetTransfer");
        // No staging folder is left next to it.
        Assert.Empty(Directory.GetDirectories(_dir.Path, ".penguin-app.codegen-*"));
    }

    [Fact]
    public void Codegen_IntoAFolderThatHoldsFiles_IsRefusedWithoutForce_AndWithForceReplacesOnlyItsFiles()
    {
        var model = Model();
        Directory.CreateDirectory(_dir["app"]);
        File.WriteAllText(_dir["app/notes.txt"], "mine");
        var refused = _dir.Run("codegen", "--model", model, "--out", _dir["app"]).UserError();
        Assert.Contains("--force is needed to write into", refused);
        Assert.Contains("notes.txt", refused);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(_dir["app"]).Select(Path.GetFileName));

        _dir.Run("codegen", "--model", model, "--out", _dir["app"], "--kind", "webapi", "--force").Succeeded();
        Assert.True(File.Exists(_dir["app/ModelService.cs"]));
        Assert.Contains("Microsoft.NET.Sdk.Web", File.ReadAllText(_dir["app/App.csproj"]));
        _dir.Run("codegen", "--model", model, "--out", _dir["app"], "--force").Succeeded();
        Assert.False(File.Exists(_dir["app/ModelService.cs"]), "the web API's own file would not build in the console app");
        Assert.True(File.Exists(_dir["app/InputValues.cs"]));
        Assert.Equal("mine", File.ReadAllText(_dir["app/notes.txt"]));
    }

    [Fact]
    public void Codegen_UserErrors_AreOneLineAndExitCode1()
    {
        var missing = _dir.Run("codegen", "--model", _dir["nope.zip"], "--out", _dir["a"]).UserError();
        Assert.Contains("does not exist", missing);
        var notZip = _dir.Csv("not-a-model.zip", "hello");
        Assert.Contains("is not an ML.NET model zip", _dir.Run("codegen", "--model", notZip, "--out", _dir["b"]).UserError());
        Assert.Contains("--kind must be console or webapi; got 'gui'", _dir.Run("codegen", "--model", notZip, "--out", _dir["c"], "--kind", "gui").UserError());
        Assert.Contains("--out", _dir.Run("codegen", "--model", notZip).UserError());
        Assert.Contains("is a file", _dir.Run("codegen", "--model", notZip, "--out", notZip).UserError());
        Assert.False(Directory.Exists(_dir["a"]) || Directory.Exists(_dir["b"]) || Directory.Exists(_dir["c"]));
    }
}
