using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>Categorical columns through the CLI: detected and printed, forced with --categorical-column, one-hot slots named in featurize.</summary>
public sealed class CategoricalCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Header = "Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex";

    /// <summary>Asserts each part is in <paramref name="text"/>, white space runs compared as one space (the console wraps at 80 columns).</summary>
    private static void AssertMentions(string text, params string[] parts)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        foreach (var part in parts) Assert.True(flat.Contains(Regex.Replace(part, @"\s+", " "), StringComparison.Ordinal), $"'{part}' not in: {text}");
    }

    /// <summary>The zip-code table: a digits column (zip), a number (size), labels a/b; every third zip empty.</summary>
    private string Zips()
    {
        string[] zips = ["98101", "98052", ""];
        return _dir.Csv("z.csv", ["zip,size,label", .. Enumerable.Range(0, 12).Select(i => $"{zips[i % 3]},{i % 5},{(i % 2 == 0 ? "a" : "b")}")]);
    }

    [Fact]
    public void Train_OnPenguins_IslandAndSexCategorical_HeldOutAccuracy_AndTheZipEvaluatesAndPredictsTheSame()
    {
        var lines = File.ReadAllLines(TestData.Penguins);
        var train = _dir.Csv("train.csv", [lines[0], .. lines.Skip(1).Where((_, i) => i % 5 != 2)]);
        var test = _dir.Csv("test.csv", [lines[0], .. lines.Skip(1).Where((_, i) => i % 5 == 2)]);
        var run = _dir.Run("train", "--data", train, "--test", test, "--label", "Species", "--out", _dir["penguins.zip"],
            "--metrics-json", _dir["train.json"]).Succeeded();
        AssertMentions(run.Stdout, "Island: categorical (detected: 3 distinct short values)",
            "Sex: categorical (detected: 2 distinct short values; 10 empty cells, a missing category)",
            "Body Mass (g): numeric (detected)", "Species: the label");
        var metrics = MetricsJson.Read(_dir["train.json"]);
        Assert.Equal(69, metrics.Examples);
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy}");

        _dir.Run("evaluate", "--model", _dir["penguins.zip"], "--data", test, "--label", "Species", "--metrics-json", _dir["evaluate.json"]).Succeeded();
        MetricsJson.AssertSameOutcome(_dir["train.json"], _dir["evaluate.json"]);

        // Values the training data never had: an island, a sex; empty cells. Each row still gets a prediction.
        var unseen = _dir.Csv("new.csv", Header, "Adelie,Anvers,39.1,18.7,181,3750,MALE", "Gentoo,,46.1,13.2,211,4500,",
            "Chinstrap,Dream,49.5,19.0,200,3800,UNKNOWN");
        _dir.Run("predict", "--model", _dir["penguins.zip"], "--data", unseen, "--out", _dir["p.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.Equal(["path_or_row", "predicted", "score_Adelie", "score_Chinstrap", "score_Gentoo"], header);
        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], rows.Select(r => r[1]));
    }

    [Fact]
    public void CategoricalColumnFlag_MakesADigitsColumnOneHot_NamedColumnEqualsValue()
    {
        var data = Zips();
        AssertMentions(_dir.Run("featurize", "--data", data, "--out", _dir["numeric.csv"]).Succeeded().Stdout, "zip: numeric (detected)");
        Assert.Equal(["path_or_row", "label", "numeric:zip", "numeric:size"], TestData.ReadCsv(_dir["numeric.csv"]).Header); // detected: numbers, named <part>:<column>

        var run = _dir.Run("featurize", "--data", data, "--categorical-column", "zip", "--out", _dir["f.csv"]).Succeeded();
        AssertMentions(run.Stdout, "zip: categorical (named)", "size: ignored (not named; only the named columns are used)");
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(["path_or_row", "label", "zip=98052", "zip=98101"], header);
        Assert.Equal([["0", "1"], ["1", "0"], ["0", "0"]], rows.Take(3).Select(r => r.Skip(2).ToArray()));

        _dir.Run("train", "--data", data, "--categorical-column", "zip", "--numeric-column", "size", "--test-fraction", "0.25",
            "--out", _dir["m.zip"]).Succeeded();
    }

    [Fact]
    public void AColumnNamedNumericAndCategorical_IsAUserErrorNamingTheFlag()
    {
        var error = _dir.Run("train", "--data", Zips(), "--out", _dir["m.zip"], "--numeric-column", "zip", "--categorical-column", "zip").UserError();
        Assert.Contains("--categorical-column names 'zip', which is also named as a numeric column; a column has one role", error);
        Assert.False(File.Exists(_dir["m.zip"]));
    }
}
