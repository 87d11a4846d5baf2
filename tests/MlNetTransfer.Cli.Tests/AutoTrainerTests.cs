using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// <c>train --trainer auto --time-budget</c> and <c>--report</c> through the app, on the shipped tabular sets (no backbone:
/// the search itself is what runs): the leaderboard printed and saved, the winner no worse than <c>lr</c> on the test
/// split, the report's files, and the flags' errors.
/// </summary>
public sealed class AutoTrainerTests : IDisposable
{
    private readonly TempDir _dir = new();

    /// <summary>
    /// The search records the budget it was given, and every candidate either finished or says the budget stopped or
    /// skipped it. How long the search really took is not asserted: on a loaded machine ML.NET answers a cancellation
    /// seconds late (HeadSearchTests checks the budget with a head that cancels at once).
    /// </summary>
    private static void AssertTheSearchKeptItsBudget(JsonObject root, double budgetSeconds)
    {
        Assert.Equal(budgetSeconds, (double)root["search"]!["budgetSeconds"]!);
        Assert.True((double)root["search"]!["searchSeconds"]! > 0, root["search"]!.ToJsonString());
        foreach (var entry in root["leaderboard"]!.AsArray())
        {
            var status = (string)entry!["status"]!;
            Assert.True(status is HeadSearch.Done or HeadSearch.Stopped or HeadSearch.Skipped || status.StartsWith("failed", StringComparison.Ordinal), entry.ToJsonString());
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Auto_on_penguins_prints_and_saves_a_leaderboard_and_is_no_worse_than_lr_on_the_test_split()
    {
        var report = _dir["report"];
        var auto = _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--trainer", "auto", "--time-budget", "40", "--out", _dir["auto.zip"],
            "--metrics-json", _dir["auto.json"], "--report", report).Succeeded();
        var flat = auto.Stdout.Replace(" ", "").Replace("\n", "");
        Assert.Contains("leaderboard:accuracy,5-foldcross-validation", flat);
        Assert.Matches(@"folds\W{1,3}fits", flat); // each candidate's number of folds is a column
        Assert.Contains("Headsearch:best:", flat);
        var root = JsonNode.Parse(File.ReadAllText(_dir["auto.json"]))!.AsObject();
        var board = root["leaderboard"]!.AsArray();
        Assert.True(board.Count >= 3, root.ToJsonString());
        Assert.Equal(1, (int)board[0]!["rank"]!);
        Assert.Equal("done", (string)board[0]!["status"]!);
        // 5 folds, and as many again for each round the spare time repeated it on freshly seeded folds.
        var folds = board[0]!["foldScores"]!.AsArray().Count;
        Assert.True(folds >= 5 && folds % 5 == 0, $"{folds} fold scores");
        // Every repeat is logged with the candidate's own round, whose number its folds agree with.
        var repeats = Regex.Matches(auto.Stdout, @"Trying (.+) again on fresh folds \(its round (\d+)\): \S+ [\d.]+ ± [\d.]+ over (\d+) fold");
        Assert.All(repeats, m => Assert.Equal(5 * int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        var repeated = board.Any(e => e!["foldScores"]!.AsArray().Count > 5);
        Assert.Equal(repeated, repeats.Count > 0);
        Assert.Equal(repeated, flat.Contains("repeatedonfreshfoldswithsparetime", StringComparison.Ordinal));
        AssertTheSearchKeptItsBudget(root, 40);

        _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--trainer", "lr", "--out", _dir["lr.zip"], "--metrics-json", _dir["lr.json"]).Succeeded();
        var autoAccuracy = (double)root["accuracy"]!;
        var lrAccuracy = (double)JsonNode.Parse(File.ReadAllText(_dir["lr.json"]))!["accuracy"]!;
        Assert.True(autoAccuracy >= lrAccuracy - 0.01, $"auto {autoAccuracy} vs lr {lrAccuracy}");

        // The report: report.md naming the winner, and each picture a PNG.
        var md = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains($"The winner, **{(string)root["search"]!["winner"]!}**", md);
        Assert.Contains("| Adelie |", md);
        Assert.Contains("| rank | candidate | accuracy mean | sd | folds |", md);
        Assert.Contains($"| 1 | {(string)root["search"]!["winner"]!} | ", md);
        Assert.Contains($" | {folds} | ", md.Split('\n').Single(l => l.StartsWith("| 1 |", StringComparison.Ordinal)));
        Assert.Contains("## Time by stage", md);
        foreach (var png in new[] { "confusion-matrix.png", "per-class.png", "embedding-map.png", "leaderboard.png" })
        {
            Assert.Contains($"]({png})", md);
            var bytes = File.ReadAllBytes(Path.Combine(report, png));
            Assert.True(bytes.Length > 5000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', $"{png}: {bytes.Length} bytes");
        }
    }

    [Fact]
    public void Auto_on_a_regression_ranks_by_r2_and_the_report_draws_the_fit()
    {
        var report = _dir["report"];
        _dir.Run("train", "--data", TestData.SeattleWeather, "--label", "temp_max", "--trainer", "auto", "--time-budget", "30",
            "--out", _dir["m.zip"], "--metrics-json", _dir["m.json"], "--report", report).Succeeded();
        var root = JsonNode.Parse(File.ReadAllText(_dir["m.json"]))!.AsObject();
        Assert.Equal("r2", (string)root["search"]!["metric"]!);
        Assert.Contains((string)root["leaderboard"]![0]!["head"]!, new[] { "linear", "fasttree", "lightgbm", "mlp" });
        Assert.True((double)root["r2"]! > 0.8, root.ToJsonString());
        foreach (var png in new[] { "predicted-vs-actual.png", "residuals.png", "leaderboard.png", "embedding-map.png" })
            Assert.True(File.Exists(Path.Combine(report, png)), png);
        Assert.False(File.Exists(Path.Combine(report, "confusion-matrix.png")));
        // The numbers to predict are summarised, never counted as classes.
        var md = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.DoesNotContain("| class |", md);
        Assert.Contains("| data | examples | label mean | sd (population) | min | max |", md);
    }

    [Fact]
    public void Auto_with_two_text_featurizers_compares_each_alone_and_both_together()
    {
        _dir.Run("train", "--data", TestData.SpamTrain, "--test", TestData.SpamTest, "--text-featurizer", "tfidf", "--text-featurizer", "sklearn-count",
            "--trainer", "auto", "--time-budget", "30", "--out", _dir["m.zip"], "--metrics-json", _dir["m.json"]).Succeeded();
        var root = JsonNode.Parse(File.ReadAllText(_dir["m.json"]))!.AsObject();
        var candidates = root["leaderboard"]!.AsArray().Select(e => (string)e!["candidate"]!).ToList();
        foreach (var featurizer in new[] { "text tfidf", "text sklearn-count", "all featurizers" })
            Assert.Contains(candidates, c => c.Contains(featurizer, StringComparison.Ordinal));
        Assert.Equal(candidates[0], (string)root["search"]!["winner"]!);
        AssertTheSearchKeptItsBudget(root, 30);
        Assert.True((double)root["accuracy"]! >= 0.85, root.ToJsonString());
    }

    [Fact]
    public void Evaluate_report_writes_the_evaluation_with_a_map_of_the_head_input()
    {
        _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"]).Succeeded();
        var result = _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", TestData.Penguins, "--label", "Species", "--report", _dir["eval"]).Succeeded();
        Assert.Contains("report.md", result.Stdout.Replace("\n", ""));
        var md = File.ReadAllText(Path.Combine(_dir["eval"], "report.md"));
        Assert.StartsWith("# Evaluation report", md);
        Assert.Contains("](embedding-map.png)", md);
        Assert.DoesNotContain("Head search", md);
    }

    [Theory]
    [InlineData("--time-budget is for --trainer auto", "--trainer", "lr", "--time-budget", "10")]
    [InlineData("--optimize is for --trainer auto", "--optimize", "accuracy")]
    [InlineData("unknown metric 'bogus' for --optimize: expected one of accuracy, macro-f1, log-loss, auc, r2, rmse, mae", "--trainer", "auto", "--optimize", "bogus")]
    [InlineData("--time-budget must be a positive number of seconds", "--trainer", "auto", "--time-budget", "0")]
    [InlineData("--optimize rmse is a regression metric, but the task is classification", "--trainer", "auto", "--task", "classification", "--optimize", "rmse")]
    public void Search_flags_that_do_not_fit_are_user_errors(string expected, params string[] flags)
    {
        var error = _dir.Run(["train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"], .. flags]).UserError();
        Assert.Contains(expected, error);
        Assert.False(File.Exists(_dir["m.zip"]));
    }

    [Fact]
    public void Auc_for_three_species_is_refused_once_the_labels_are_known()
    {
        var error = _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"], "--trainer", "auto", "--optimize", "auc").UserError();
        Assert.Contains("--optimize auc needs two labels (the data has 3)", error);
    }
}
