using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Datasets;

/// <summary>
/// Categorical columns: a text column of few distinct short values is one-hot encoded, inferred on the shipped tabular
/// data and printed like the other roles; <c>CategoricalColumns</c> (<c>--categorical-column</c>) forces the role.
/// </summary>
public sealed class CategoricalDetectionTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IEnumerable<(string, ColumnRole)> Roles(Dataset d) => d.Columns.Select(c => (c.Name, c.Role));

    [Fact]
    public void Penguins_IslandAndSexAreCategorical_TheMeasurementsNumeric_AndTheNoteSaysWhy()
    {
        var d = DatasetLoader.Load(TestData.Penguins, new DatasetOptions { LabelColumn = "Species" });
        Assert.Equal([("Island", ColumnRole.Categorical), ("Beak Length (mm)", ColumnRole.Numeric), ("Beak Depth (mm)", ColumnRole.Numeric),
            ("Flipper Length (mm)", ColumnRole.Numeric), ("Body Mass (g)", ColumnRole.Numeric), ("Sex", ColumnRole.Categorical)], Roles(d));
        Assert.Equal("Columns of 'penguins.csv': Species: the label; Island: categorical (detected: 3 distinct short values); " +
            "Beak Length (mm): numeric (detected); Beak Depth (mm): numeric (detected); Flipper Length (mm): numeric (detected); " +
            "Body Mass (g): numeric (detected); Sex: categorical (detected: 2 distinct short values; 11 empty cells, a missing category)", Assert.Single(d.Notes));
        // The raw values are kept: an empty cell stays empty (a missing category, all zeros once encoded).
        Assert.Equal(11, d.Columns.Single(c => c.Name == "Sex").Values.Count(string.IsNullOrEmpty));
    }

    [Fact]
    public void Penguins_Unlabelled_SpeciesIsCategoricalToo()
    {
        var d = DatasetLoader.Load(TestData.Penguins, new DatasetOptions { RequireLabels = false, LabelColumn = null });
        Assert.Equal(["Species", "Island", "Sex"], d.Columns.Where(c => c.Role == ColumnRole.Categorical).Select(c => c.Name));
    }

    [Fact]
    public void SeattleWeather_WeatherIsCategorical_TheDateIdLike()
    {
        var d = DatasetLoader.Load(TestData.SeattleWeather, new DatasetOptions { RequireLabels = false });
        Assert.Equal([("precipitation", ColumnRole.Numeric), ("temp_max", ColumnRole.Numeric), ("temp_min", ColumnRole.Numeric),
            ("wind", ColumnRole.Numeric), ("weather", ColumnRole.Categorical)], Roles(d));
        Assert.Contains("date: ignored, id-like (a different value in every row, like '2012-01-01')", d.Notes[0]);
        Assert.Contains("weather: categorical (detected: 5 distinct short values)", d.Notes[0]);

        var labelled = DatasetLoader.Load(TestData.SeattleWeather, new DatasetOptions { LabelColumn = "weather" });
        Assert.All(labelled.Columns, c => Assert.Equal(ColumnRole.Numeric, c.Role));
    }

    [Fact]
    public void SpamAssassin_TextStaysText_TheLeakingGroupIsStillLeftOut()
    {
        var d = DatasetLoader.Load(TestData.SpamTrain);
        Assert.Equal([("text", ColumnRole.Text)], Roles(d));
        Assert.Contains("group: left out, a likely leak (each of its 2 values always comes with the same label", d.Notes[0]);
        Assert.Contains("--categorical-column", d.Notes[0]);
    }

    [Theory]
    [InlineData(100, 20, 10, true)]   // 20 values on 100 rows: one per 5 rows
    [InlineData(100, 21, 10, false)]  // one more: text
    [InlineData(1000, 50, 10, true)]  // at most 50 values, however many rows
    [InlineData(1000, 51, 10, false)]
    [InlineData(100, 3, 40, true)]    // values of 40 characters
    [InlineData(100, 3, 41, false)]   // one character more: text
    public void TheRule_FewDistinctShortValues(int rows, int distinct, int length, bool categorical)
    {
        string Value(int i) => $"v{i % distinct:00}".PadRight(length, 'x');
        // Each value comes with both labels (no leak).
        var csv = Csv("t.csv", ["kind,x,label", .. Enumerable.Range(0, rows).Select(i => $"{Value(i)},{i % 7},{(i / distinct % 2 == 0 ? "a" : "b")}")]);
        var d = DatasetLoader.Load(csv);
        Assert.Equal(categorical ? ColumnRole.Categorical : ColumnRole.Text, d.Columns.Single(c => c.Name == "kind").Role);
    }

    [Fact]
    public void FewerThanTenRows_OrAllEmpty_StayText()
    {
        var d = DatasetLoader.Load(Csv("t.csv", ["kind,x,label", .. Enumerable.Range(0, 9).Select(i => $"{(i % 2 == 0 ? "red" : "blue")},{i},{i % 3}")]));
        Assert.Equal(ColumnRole.Text, d.Columns.Single(c => c.Name == "kind").Role);
        d = DatasetLoader.Load(Csv("e.csv", ["kind,x,label", .. Enumerable.Range(0, 20).Select(i => $",{i},{i % 3}")]));
        Assert.Equal(ColumnRole.Text, d.Columns.Single(c => c.Name == "kind").Role);
    }

    [Fact]
    public void ALeakingCategoricalColumn_IsLeftOutAsALikelyLeak()
    {
        var csv = Csv("t.csv", ["team,x,label", .. Enumerable.Range(0, 30).Select(i => $"{(i % 2 == 0 ? "red" : "blue")},{i % 3},{(i % 2 == 0 ? "even" : "odd")}")]);
        var d = DatasetLoader.Load(csv);
        Assert.Equal(["x"], d.Columns.Select(c => c.Name));
        Assert.Contains("team: left out, a likely leak (each of its 2 values always comes with the same label", d.Notes[0]);
    }

    /// <summary>A zip code: digits, so detected as numeric; categorical only when named (and then only the named columns are used).</summary>
    [Fact]
    public void ADigitsColumn_IsNumeric_UnlessNamedCategorical()
    {
        string[] zips = ["98101", "98052", "98004"];
        var csv = Csv("z.csv", ["zip,size,label", .. Enumerable.Range(0, 30).Select(i => $"{zips[i % 3]},{i % 4},{(i % 5 < 2 ? "a" : "b")}")]);
        Assert.Equal(ColumnRole.Numeric, DatasetLoader.Load(csv).Columns.Single(c => c.Name == "zip").Role);

        var d = DatasetLoader.Load(csv, new DatasetOptions { CategoricalColumns = ["zip"] });
        var zip = Assert.Single(d.Columns);
        Assert.Equal(("zip", ColumnRole.Categorical, "98101"), (zip.Name, zip.Role, zip.Values[0]));
        Assert.Null(zip.Numbers);
        Assert.Contains("zip: categorical (named)", d.Notes[0]);
        Assert.Contains("size: ignored (not named; only the named columns are used)", d.Notes[0]);

        d = DatasetLoader.Load(csv, new DatasetOptions { CategoricalColumns = ["zip"], NumericColumns = ["size"] });
        Assert.Equal([("size", ColumnRole.Numeric), ("zip", ColumnRole.Categorical)], Roles(d).OrderBy(r => r.Item1));
    }

    [Fact]
    public void AColumnNamedForTwoRoles_IsAProblem_NotACrash()
    {
        var csv = Csv("z.csv", ["zip,label", .. Enumerable.Range(0, 12).Select(i => $"9810{i % 3},{i % 2}")]);
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { NumericColumns = ["zip"], CategoricalColumns = ["zip"] }));
        Assert.Equal($"'{csv}': column 'zip' is named as both numeric and categorical; name it once.", e.Message);
        // The same column named twice for one role is fine.
        Assert.Single(DatasetLoader.Load(csv, new DatasetOptions { CategoricalColumns = ["zip", "zip"] }).Columns);

        Assert.Equal(["CategoricalColumns names 'zip', which is also named as a numeric column; a column has one role"],
            new TrainOptions { Data = csv, Out = "m.zip", NumericColumns = ["zip"], CategoricalColumns = ["zip"] }.Problems().Select(p => p.ToString()));
        Assert.Equal(["IgnoreColumns names 'zip', which is also named as a column to use"],
            new FeaturizeOptions { Data = csv, Out = "f.csv", CategoricalColumns = ["zip"], IgnoreColumns = ["zip"] }.Problems().Select(p => p.ToString()));
    }

    [Fact]
    public void AMisspelledCategoricalColumn_IsNamed()
    {
        var csv = Csv("z.csv", ["zip,label", .. Enumerable.Range(0, 12).Select(i => $"9810{i % 3},{i % 2}")]);
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { CategoricalColumns = ["zpi"] }));
        Assert.Equal($"'{csv}' has no column 'zpi'. Did you mean 'zip'? Columns: zip, label.", e.Message);
    }

    [Fact]
    public void TestData_LoadsWithTheTrainingDatasCategoricalColumns()
    {
        var train = DatasetLoader.Load(TestData.Penguins, new DatasetOptions { LabelColumn = "Species" });
        var options = DataStage.SameColumns(train, "Species");
        Assert.Equal(["Island", "Sex"], options.CategoricalColumns);
    }
}
