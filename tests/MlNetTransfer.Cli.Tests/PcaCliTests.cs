using System.Text.Json;
using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>--pca in train and featurize: bad values are user errors naming the flag; a run reports the components kept and the variance explained.</summary>
public sealed class PcaCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("train", "0")]
    [InlineData("train", "1.5")]
    [InlineData("featurize", "1.5")]
    [InlineData("featurize", "-2")]
    public void A_value_that_is_neither_a_count_nor_a_fraction_is_refused_naming_the_flag(string command, string value)
    {
        var error = _dir.Run(command, "--data", TestData.Penguins, "--out", _dir[command == "train" ? "m.zip" : "f.csv"], "--pca", value).UserError();
        Assert.Contains("--pca", error);
        Assert.Contains($"(got '{value}')", error);
        Assert.Contains("whole number of components", error);
        Assert.False(File.Exists(_dir["m.zip"]) || File.Exists(_dir["f.csv"]), "nothing may be written");
    }

    [Fact]
    public void More_components_than_features_is_a_user_error_saying_the_limit()
    {
        var error = _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"], "--pca", "600").UserError();
        Assert.Contains("--pca 600", error);
        Assert.Matches(@"at most min\(rows, features\) = \d+", error);
        Assert.False(File.Exists(_dir["m.zip"]), "no model may be written");
    }

    [Fact]
    public void Train_with_a_variance_fraction_prints_and_writes_the_components_kept()
    {
        var run = _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"], "--pca", "0.99",
            "--metrics-json", _dir["m.json"]).Succeeded();
        var line = Regex.Match(run.Stdout, @"PCA kept (\d+) of (\d+) components, explaining ([\d.]+)% of the variance");
        Assert.True(line.Success, run.Describe());
        using var metrics = JsonDocument.Parse(File.ReadAllText(_dir["m.json"]));
        var pca = metrics.RootElement.GetProperty("pca");
        Assert.Equal(int.Parse(line.Groups[1].Value), pca.GetProperty("components").GetInt32());
        Assert.InRange(pca.GetProperty("explainedVarianceRatio").GetDouble(), 0.99, 1.0);
        var accuracy = MetricsJson.Read(_dir["m.json"]).Accuracy;
        Assert.True(accuracy >= 0.85, $"accuracy {accuracy} with {pca.GetProperty("components")} components"); // 3 species, the largest 44%
    }

    [Fact]
    public void Featurize_with_a_count_writes_that_many_pca_slots()
    {
        _dir.Run("featurize", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["f.csv"], "--pca", "2").Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(["path_or_row", "label", "pca0", "pca1"], header);
        Assert.Equal(File.ReadAllLines(TestData.Penguins).Length - 1, rows.Count);
        // Centred projections: each component's mean over the rows it was fitted on is 0.
        for (var c = 2; c < 4; c++) Assert.Equal(0, rows.Average(r => TestData.ParseDouble(r[c])), 1e-4);
    }
}
