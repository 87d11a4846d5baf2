namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// README's first command, <c>demo</c>, works from any folder: it trains, saves, reloads and reproduces its metrics.
/// A process run: "any folder" is the process's working directory (the demo looks for its data there first).
/// </summary>
public sealed class DemoTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Demo_trains_saves_and_the_reloaded_zip_reproduces_the_metrics()
    {
        var result = _dir.RunProcess("demo", "--out-dir", _dir["demo"]).Succeeded();
        var text = System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", " "); // the console wraps at 80 columns
        Assert.Contains("The saved model reproduces the training run's test metrics.", text);
        Assert.True(File.Exists(Path.Combine(_dir["demo"], "model.zip")), result.Describe());
        var accuracy = System.Text.RegularExpressions.Regex.Match(text, @"accuracy (\d\.\d{4}) \(training run");
        Assert.True(accuracy.Success && TestData.ParseDouble(accuracy.Groups[1].Value) >= 0.6, result.Describe()); // measured 0.69
    }
}
