using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Predicting a number end to end through the app, on Seattle's daily maximum temperature (data/seattle-weather,
/// 1,461 days): the task inferred and printed, regression heads chosen by --trainer, regression metrics (table and JSON),
/// evaluate and predict following the task read from the zip, plain ML.NET reproducing the predictions, and the label
/// errors of a regression naming file, row and column.
/// </summary>
public sealed class RegressionTests : IClassFixture<RegressionTests.SeattleModel>, IDisposable
{
    private readonly SeattleModel _model;
    private readonly TempDir _dir = new();

    public RegressionTests(SeattleModel model) => _model = model;

    public void Dispose() => _dir.Dispose();

    internal static string SeattleWeather => Path.Combine(AppContext.BaseDirectory, "data", "seattle-weather", "seattle-weather.csv");

    internal static string Penguins => Path.Combine(AppContext.BaseDirectory, "data", "penguins", "penguins.csv");

    private static readonly string[] RegressionJsonKeys = ["task", "examples", "r2", "mae", "rmse", "labelMean", "labelStd"];

    /// <summary>Measured with seed 0 (a random 20% split, 292 test days): R² linear 0.849, fasttree 0.841, lightgbm 0.845, mlp 0.848 (weather one-hot).</summary>
    [Theory]
    [InlineData("linear", 0.80)]
    [InlineData("fasttree", 0.80)]
    [InlineData("lightgbm", 0.80)]
    [InlineData("mlp", 0.80)]
    public void Train_on_Seattle_infers_a_regression_prints_the_task_and_writes_regression_metrics(string trainer, double minR2)
    {
        var result = _dir.Run("train", "--data", SeattleWeather, "--label", "temp_max", "--trainer", trainer,
            "--out", _dir["m.zip"], "--metrics-json", _dir["m.json"]).Succeeded();
        AssertMentions(result.Stdout,
            "Task: regression (label 'temp_max': 1,461 numbers, 67 distinct; pass --task classification to treat them as classes)",
            $"Training {trainer} regression head", "R²", "MAE", "RMSE", "label std (population)");
        Assert.True(result.Stdout.IndexOf("Task: regression", StringComparison.Ordinal) < result.Stdout.IndexOf("Featurizing", StringComparison.Ordinal),
            "the task is printed before featurizing\n" + result.Stdout);
        Assert.True(File.Exists(_dir["m.zip"]));

        using var doc = JsonDocument.Parse(File.ReadAllText(_dir["m.json"]));
        Assert.Equal(RegressionJsonKeys, doc.RootElement.EnumerateObject().Select(p => p.Name));
        var m = RegressionMetrics.FromJson(File.ReadAllText(_dir["m.json"]));
        Assert.Equal("regression", m.Task);
        Assert.Equal(292, m.Examples); // a random 20% of 1,461 rows
        Assert.True(m.R2 >= minR2, $"{trainer}: R² {m.R2:F4} < {minR2}");
        Assert.InRange(m.Mae, 0.1, m.Rmse);
        Assert.Equal(m.Rmse * m.Rmse, (1 - m.R2) * m.LabelStd * m.LabelStd, 1e-9); // the definitions agree (population std)
        Assert.InRange(m.LabelMean, 10, 25);
    }

    [Fact]
    public void Evaluate_on_the_saved_zip_reproduces_the_training_runs_metrics_within_the_stated_tolerance()
    {
        // With the weather as text (tf-idf) too: its rows agree between the two paths to 1e-6, not necessarily bit for bit.
        var (train, test) = _model.SplitFiles(_dir);
        _dir.Run("train", "--data", train, "--test", test, "--label", "temp_max", "--text-column", "weather", "--numeric-column", "precipitation",
            "--numeric-column", "temp_min", "--numeric-column", "wind", "--out", _dir["m.zip"], "--metrics-json", _dir["train.json"]).Succeeded();
        var result = _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", test, "--label", "temp_max", "--metrics-json", _dir["eval.json"]).Succeeded();
        AssertMentions(result.Stdout, "regression", "R²", "RMSE");
        var trained = RegressionMetrics.FromJson(File.ReadAllText(_dir["train.json"]));
        var evaluated = RegressionMetrics.FromJson(File.ReadAllText(_dir["eval.json"]));
        Assert.True(trained.HasSameOutcomeAs(evaluated), $"train:\n{trained.ToJson()}\nevaluate:\n{evaluated.ToJson()}");
        Assert.Equal(361, evaluated.Examples);
        Assert.Equal(trained.LabelMean, evaluated.LabelMean); // the same numbers, parsed the same way
    }

    [Fact]
    public void Evaluate_report_summarises_the_numbers_to_predict_by_mean_sd_and_range_not_as_classes()
    {
        var result = _dir.Run("evaluate", "--model", _model.NumericZip, "--data", _model.TestCsv, "--report", _dir["report"]).Succeeded();
        var md = File.ReadAllText(Path.Combine(_dir["report"], "report.md"));
        Assert.DoesNotContain("| class |", md);
        // The test file's temp_max column (the third), summarised independently: population sd, G5 as the report writes.
        var t = File.ReadAllLines(_model.TestCsv).Skip(1).Select(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToList();
        var mean = t.Average();
        var sd = Math.Sqrt(t.Average(v => (v - mean) * (v - mean)));
        var row = md.Split('\n').Single(l => l.StartsWith("| evaluated |", StringComparison.Ordinal));
        var cells = row.Split('|', StringSplitOptions.TrimEntries)[2..^1].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(361, cells[0]);
        Assert.Equal(mean, cells[1], 1e-3);
        Assert.Equal(sd, cells[2], 1e-3);
        Assert.Equal((t.Min(), t.Max()), (cells[3], cells[4]));
        Assert.Contains("report.md", result.Stdout.Replace("\n", ""));
    }

    [Fact]
    public void Predict_out_writes_the_numbers_and_plain_MLNET_running_the_zip_gives_the_same()
    {
        var written = _dir.Run("predict", "--model", _model.NumericZip, "--data", _model.TestCsv, "--out", _dir["p.csv"]).Succeeded();
        AssertMentions(written.Stdout, "361 predictions written to");
        var (header, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.Equal(["path_or_row", "predicted"], header);
        Assert.Equal(Enumerable.Range(1, 361).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r[0]));
        var ours = rows.Select(r => float.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(rows, r => Assert.Equal(float.Parse(r[1], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture), r[1])); // round-trip format

        var plain = PlainConsumer(_model.NumericZip, _model.TestCsv);
        Assert.Equal(ours.Count, plain.Count);
        // The same stock steps on the same numbers; only how each reader parses "12.8" into a float could differ.
        for (var i = 0; i < ours.Count; i++)
            Assert.True(Math.Abs(ours[i] - plain[i]) <= 1e-5 * Math.Max(1, Math.Abs(ours[i])), $"row {i + 1}: predict {ours[i]}, plain ML.NET {plain[i]}");

        // --on-bad-input skip adds the error column, as for classifiers.
        _dir.Run("predict", "--model", _model.NumericZip, "--data", _model.TestCsv, "--out", _dir["s.csv"], "--on-bad-input", "skip").Succeeded();
        Assert.Equal(["path_or_row", "predicted", "error"], TestData.ReadCsv(_dir["s.csv"]).Header);
    }

    [Fact]
    public void Evaluation_labels_all_one_number_leave_R2_undefined_with_its_reason()
    {
        var lines = File.ReadAllLines(_model.TestCsv);
        var csv = _dir.Csv("same.csv", [lines[0], .. lines.Skip(1).Take(20).Select(l => string.Join(',', l.Split(',').Select((v, i) => i == 2 ? "21.5" : v)))]);
        var result = _dir.Run("evaluate", "--model", _model.NumericZip, "--data", csv, "--label", "temp_max", "--metrics-json", _dir["m.json"]).Succeeded();
        AssertMentions(result.Stdout, "undefined: the test labels are all 21.5");
        using var doc = JsonDocument.Parse(File.ReadAllText(_dir["m.json"]));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("r2").ValueKind);
        Assert.Equal("the test labels are all 21.5: R² divides by their variance, 0", doc.RootElement.GetProperty("r2Undefined").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("labelStd").GetDouble());
    }

    [Fact]
    public void Predict_input_on_a_one_text_column_regression_model_prints_the_number()
    {
        _dir.Run("train", "--data", SeattleWeather, "--label", "temp_max", "--text-column", "weather", "--out", _dir["t.zip"]).Succeeded();
        var one = _dir.Run("predict", "--model", _dir["t.zip"], "--input", "sun").Succeeded();
        var match = Regex.Match(one.Stdout, @"predicted: (\S+)");
        Assert.True(match.Success, one.Describe());
        var value = float.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.DoesNotContain("probability", one.Stdout);
        _dir.Run("predict", "--model", _dir["t.zip"], "--data", _dir.Csv("one.csv", "weather", "sun"), "--out", _dir["one-out.csv"]).Succeeded();
        Assert.Equal(value, float.Parse(TestData.ReadCsv(_dir["one-out.csv"]).Rows[0][1], CultureInfo.InvariantCulture));
        Assert.InRange(value, 15, 30); // sunny days are the warm ones (mean maximum 16.4 °C over all days)
    }

    [Fact]
    public void Featurize_writes_the_numeric_label_as_the_file_has_it()
    {
        _dir.Run("featurize", "--data", _model.TestCsv, "--label", "temp_max", "--numeric-column", "temp_min", "--out", _dir["f.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(["path_or_row", "label", "numeric:temp_min"], header);
        var expected = File.ReadAllLines(_model.TestCsv).Skip(1).Select(l => l.Split(',')[2]);
        Assert.Equal(expected, rows.Select(r => r[1]));
    }

    [Fact]
    public void Task_classification_on_a_numeric_label_trains_a_classifier_of_its_values()
    {
        var result = _dir.Run("train", "--data", SeattleWeather, "--label", "temp_max", "--task", "classification", "--numeric-column", "temp_min",
            "--out", _dir["m.zip"], "--metrics-json", _dir["m.json"]).Succeeded();
        AssertMentions(result.Stdout, "Task: classification (--task; label 'temp_max': 67 classes)", "accuracy");
        var metrics = MetricsJson.Read(_dir["m.json"]);
        Assert.Equal("multiclass", metrics.Task);
        Assert.Equal(67, metrics.Labels.Count);
        metrics.AssertConsistent();
    }

    [Theory]
    [InlineData("", "row 3: the label column 'y' is empty")]
    [InlineData("abc", "row 3, column 'y': a regression label must be a number, found 'abc'")]
    [InlineData("Infinity", "row 3, column 'y': a regression label must be a finite number, found 'Infinity'")]
    [InlineData("-Infinity", "row 3, column 'y': a regression label must be a finite number, found '-Infinity'")]
    [InlineData("NaN", "row 3, column 'y': a regression label must be a finite number, found 'NaN'")]
    public void A_bad_regression_label_names_the_file_row_and_column(string label, string expected)
    {
        var csv = _dir.Csv("t.csv", ["x,y", .. Enumerable.Range(1, 15).Select(i => $"{i},{(i == 3 ? label : (i * 1.5).ToString(CultureInfo.InvariantCulture))}")]);
        var error = _dir.Run("train", "--data", csv, "--label", "y", "--task", "regression", "--out", _dir["m.zip"]).UserError();
        Assert.Contains($"'{csv}' {expected}", error);
        AssertNoModel();
    }

    [Fact]
    public void A_non_finite_label_among_numbers_is_named_when_the_task_is_inferred_too()
    {
        var csv = _dir.Csv("t.csv", ["x,y", .. Enumerable.Range(1, 15).Select(i => $"{i},{(i == 7 ? "Infinity" : (i * 1.5).ToString(CultureInfo.InvariantCulture))}")]);
        var error = _dir.Run("train", "--data", csv, "--label", "y", "--out", _dir["m.zip"]).UserError();
        Assert.Contains($"'{csv}' row 7, column 'y': a regression label must be a finite number, found 'Infinity'", error);
        AssertNoModel();
    }

    [Fact]
    public void The_penguins_body_mass_is_a_regression_whose_two_empty_labels_are_named()
    {
        var error = _dir.Run("train", "--data", Penguins, "--label", "Body Mass (g)", "--out", _dir["m.zip"]).UserError();
        Assert.Contains($"'{Penguins}' row 4: the label column 'Body Mass (g)' is empty", error);
        AssertNoModel();
    }

    [Fact]
    public void A_trainer_of_the_other_task_is_refused_naming_the_trainers_of_the_task()
    {
        string Error(params string[] args) => _dir.Run(["train", "--data", SeattleWeather, "--out", _dir["m.zip"], .. args]).UserError();
        Assert.Equal("error: --trainer 'lr' is a classification trainer; with --task regression expected one of linear, fasttree, lightgbm, mlp.",
            Error("--label", "temp_max", "--task", "regression", "--trainer", "lr"));
        Assert.Equal("error: --trainer 'linear' is a regression trainer; with --task classification expected one of lr, fasttree, lightgbm, mlp.",
            Error("--label", "weather", "--task", "classification", "--trainer", "linear"));
        Assert.Equal("error: --trainer 'lr' is a classification trainer, but the task is regression (label 'temp_max': 1,461 numbers, 67 distinct; " +
            "pass --task classification to treat them as classes): expected one of linear, fasttree, lightgbm, mlp for a regression.",
            Error("--label", "temp_max", "--trainer", "lr"));
        Assert.Equal("error: --trainer 'linear' is a regression trainer, but the task is classification (label 'weather': 5 classes): " +
            "expected one of lr, fasttree, lightgbm, mlp for a classification.", Error("--label", "weather", "--trainer", "linear"));
        Assert.Contains("unknown task 'numbers': expected classification or regression", Error("--label", "temp_max", "--task", "numbers"));
        Assert.Contains("unknown trainer 'svm': expected one of lr, fasttree, lightgbm, mlp (classification) or linear, fasttree, lightgbm, mlp (regression)",
            Error("--label", "temp_max", "--trainer", "svm"));
        AssertNoModel();
    }

    private void AssertNoModel() => Assert.False(File.Exists(_dir["m.zip"]), "no model should be written");

    private static void AssertMentions(string text, params string[] parts)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        foreach (var part in parts) Assert.True(flat.Contains(Regex.Replace(part, @"\s+", " "), StringComparison.Ordinal), $"'{part}' not in: {text}");
    }

    /// <summary>Runs tests/MlNetTransfer.PlainConsumer (ML.NET only) on a regression zip and a CSV: one Score per row.</summary>
    internal static IReadOnlyList<float> PlainConsumer(string modelZip, string csv)
    {
        var consumer = typeof(RegressionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PlainConsumer").Value!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { consumer, "--csv", modelZip, csv }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"plain ML.NET consumer failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => float.Parse(line.TrimEnd('\r').Split('\t')[1], CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>
    /// Seattle's days split in time (the first 1,100 train, the last 361 test), and a model trained on the numeric
    /// columns only (precipitation, temp_min, wind: stock steps, so ML.NET alone loads it) with the linear head.
    /// </summary>
    public sealed class SeattleModel : IDisposable
    {
        public SeattleModel()
        {
            Dir = new TempDir();
            (TrainCsv, TestCsv) = SplitFiles(Dir);
            NumericZip = Dir["numeric.zip"];
            Dir.Run("train", "--data", TrainCsv, "--test", TestCsv, "--label", "temp_max", "--ignore-column", "weather", "--out", NumericZip).Succeeded();
        }

        public TempDir Dir { get; }

        public string TrainCsv { get; }

        public string TestCsv { get; }

        public string NumericZip { get; }

        /// <summary>Writes train.csv (the header and the first 1,100 days) and test.csv (the header and the other 361) into <paramref name="dir"/>.</summary>
        public (string Train, string Test) SplitFiles(TempDir dir)
        {
            var lines = File.ReadAllLines(SeattleWeather);
            return (dir.Csv("train.csv", [lines[0], .. lines.Skip(1).Take(1100)]), dir.Csv("test.csv", [lines[0], .. lines.Skip(1101)]));
        }

        public void Dispose() => Dir.Dispose();
    }
}
