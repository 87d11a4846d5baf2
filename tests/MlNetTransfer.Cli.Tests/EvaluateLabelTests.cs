using System.IO.Compression;
using Microsoft.ML;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// A saved zip remembers its training data's label column (<see cref="TrainingRecord"/>), so <c>evaluate</c> needs no
/// <c>--label</c> for the data the model was trained on: a regression (Seattle, <c>temp_max</c>) and a classifier
/// (penguins, <c>Species</c>) give the same metrics without the flag as with it; a file whose label column is named
/// otherwise gets an error naming the recorded column and the file's; an explicit <c>--label</c> still wins; a zip without
/// the record (saved again by plain ML.NET) reads a column <c>label</c> as before; <c>inspect</c> prints the column.
/// </summary>
public sealed class EvaluateLabelTests(EvaluateLabelTests.Models models) : IClassFixture<EvaluateLabelTests.Models>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Regression_evaluates_without_label_as_with_it_and_plain_MLNET_still_loads_the_zip()
    {
        var with = Evaluate(models.Seattle, TestData.SeattleWeather, "with.json", "--label", "temp_max");
        var without = Evaluate(models.Seattle, TestData.SeattleWeather, "without.json");
        Assert.Equal(with, without);
        Assert.Contains("\"task\": \"regression\"", without);
        Assert.Contains("\"examples\": 1461", without);

        using (var zip = ZipFile.OpenRead(models.Seattle))
            Assert.Contains(zip.Entries, e => e.FullName == TrainingRecord.EntryName);
        // Stock ML.NET, in another process that references ML.NET only, loads the zip with the extra entry and predicts.
        var plain = RegressionTests.PlainConsumer(models.Seattle, TestData.SeattleWeather);
        _dir.Run("predict", "--model", models.Seattle, "--data", TestData.SeattleWeather, "--out", _dir["p.csv"]).Succeeded();
        var ours = TestData.ReadCsv(_dir["p.csv"]).Rows.Select(r => float.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1461, plain.Count);
        for (var i = 0; i < ours.Count; i++)
            Assert.True(Math.Abs(ours[i] - plain[i]) <= 1e-5 * Math.Max(1, Math.Abs(ours[i])), $"row {i + 1}: predict {ours[i]}, plain ML.NET {plain[i]}");
    }

    [Fact]
    public void Classifier_evaluates_without_label_as_with_it()
    {
        var with = Evaluate(models.Penguins, TestData.Penguins, "with.json", "--label", "Species");
        var without = Evaluate(models.Penguins, TestData.Penguins, "without.json");
        Assert.Equal(with, without);
        Assert.Contains("\"examples\": 344", without);
        Assert.Contains("\"Gentoo\"", without);
    }

    [Fact]
    public void A_file_whose_label_column_is_named_otherwise_gets_an_error_naming_the_recorded_column_and_label_overrides()
    {
        var renamed = Renamed("upper.csv", "temp_max", "TEMP_MAX");
        var error = _dir.Run("evaluate", "--model", models.Seattle, "--data", renamed).UserError();
        Assert.Contains($"'{renamed}' has no label column 'temp_max', the label column model '{models.Seattle}' was trained with (recorded in the zip): " +
            "pass --label <column> to name this file's label column. Did you mean 'TEMP_MAX'? Columns: date, precipitation, TEMP_MAX, temp_min, wind, weather.", error);

        // The model's own inputs are never suggested for the label (temp_min is two edits from 'temp_max').
        var shorter = Renamed("short.csv", "temp_max", "tmax");
        Assert.EndsWith("(recorded in the zip): pass --label <column> to name this file's label column. Columns: date, precipitation, tmax, temp_min, wind, weather.",
            _dir.Run("evaluate", "--model", models.Seattle, "--data", shorter).UserError());

        var given = Evaluate(models.Seattle, renamed, "given.json", "--label", "TEMP_MAX");
        Assert.Equal(Evaluate(models.Seattle, TestData.SeattleWeather, "recorded.json"), given);
    }

    [Theory]
    [InlineData("wind")]
    [InlineData("precipitation")]
    public void A_label_the_model_predicts_from_is_a_user_error_naming_its_inputs(string input)
    {
        // Was exit 2 ("Could not find input column 'wind'"): the breaker's evaluate --label wind on the Seattle zip.
        var error = _dir.Run("evaluate", "--model", models.Seattle, "--data", TestData.SeattleWeather, "--label", input).UserError();
        Assert.Contains($"--label '{input}' is one of the columns model", error);
        Assert.Contains("the model was trained with label column 'temp_max'", error);
    }

    [Fact]
    public void A_text_label_for_a_regression_zip_says_the_model_predicts_numbers_not_to_pass_a_task()
    {
        var error = _dir.Run("evaluate", "--model", models.Seattle, "--data", TestData.SeattleWeather, "--label", "date").UserError();
        Assert.Contains("column 'date': a regression label must be a number, found '2012-01-01'", error);
        Assert.Contains("the model predicts numbers, so its label column must hold them (is --label the right column?)", error);
        Assert.DoesNotContain("--task", error); // evaluate has no --task
    }

    [Fact]
    public void A_zip_without_the_record_reads_a_column_named_label_as_before_and_inspect_says_what_is_recorded()
    {
        // Loaded and saved again by stock ML.NET: the same pipeline, without the record.
        var old = _dir["old.zip"];
        var ml = new MLContext(0);
        var model = ml.Model.Load(models.Seattle, out var schema);
        ml.Model.Save(model, schema, old);
        (model as IDisposable)?.Dispose();
        using (var zip = ZipFile.OpenRead(old))
            Assert.DoesNotContain(zip.Entries, e => e.FullName == TrainingRecord.EntryName);

        var error = _dir.Run("evaluate", "--model", old, "--data", TestData.SeattleWeather).UserError();
        Assert.Contains("has no column named 'label': name the label column with --label.", error);
        var lower = Evaluate(old, Renamed("lower.csv", "temp_max", "label"), "old.json");
        Assert.Equal(Evaluate(models.Seattle, TestData.SeattleWeather, "new.json"), lower);

        Assert.Contains("label column: temp_max (recorded at training; evaluate reads it unless --label names another)",
            _dir.Run("inspect", models.Seattle).Succeeded().Stdout);
        Assert.Contains("label column: not recorded (a zip from an older train or another ML.NET program)", _dir.Run("inspect", old).Succeeded().Stdout);
    }

    /// <summary>Runs evaluate with <paramref name="flags"/>; returns the metrics JSON it wrote to <paramref name="json"/>.</summary>
    private string Evaluate(string model, string data, string json, params string[] flags)
    {
        _dir.Run(["evaluate", "--model", model, "--data", data, "--metrics-json", _dir[json], .. flags]).Succeeded();
        return File.ReadAllText(_dir[json]);
    }

    /// <summary>Seattle's weather with the header's <paramref name="from"/> renamed <paramref name="to"/>, written to <paramref name="name"/>.</summary>
    private string Renamed(string name, string from, string to)
    {
        var lines = File.ReadAllLines(TestData.SeattleWeather);
        return _dir.Csv(name, [string.Join(',', lines[0].Split(',').Select(h => h == from ? to : h)), .. lines.Skip(1)]);
    }

    /// <summary>A regression trained with <c>--label temp_max</c> and a classifier trained with <c>--label Species</c>, once for the class.</summary>
    public sealed class Models : IDisposable
    {
        private readonly TempDir _dir = new();

        public Models()
        {
            Seattle = _dir["seattle.zip"];
            _dir.Run("train", "--data", TestData.SeattleWeather, "--label", "temp_max", "--out", Seattle).Succeeded();
            Penguins = _dir["penguins.zip"];
            _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", Penguins).Succeeded();
        }

        public string Seattle { get; }

        public string Penguins { get; }

        public void Dispose() => _dir.Dispose();
    }
}
