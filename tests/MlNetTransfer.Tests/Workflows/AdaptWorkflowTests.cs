using MlNetTransfer.Common;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <c>adapt</c> as a library call on a real temporal shift (Seattle's weather, 2012-2013 -> 2015; four numeric columns):
/// every method trains, saves a zip, and the saved zip scored on the target (by <see cref="EvaluateWorkflow"/>, row by row
/// as any ML.NET app) gives exactly the accuracy the method reported on the same rows in memory; auto ranks by the
/// information-maximisation score and never reads the target's labels.
/// </summary>
public sealed class AdaptWorkflowTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Splits the weather CSV by year: the source years, the target year (labels kept, only for reporting).</summary>
    private (string Source, string Target) WeatherYears()
    {
        var lines = File.ReadAllLines(TestData.SeattleWeather);
        string Write(string name, Func<string, bool> year)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where(l => year(l[..4]))));
            return path;
        }
        return (Write("source.csv", y => y is "2012" or "2013"), Write("target.csv", y => y == "2015"));
    }

    private AdaptOptions Options(string method, string source, string target) => new()
    {
        Features = new FeaturizeOptions { Data = source, Label = "weather", IgnoreColumns = ["date"] },
        Target = target,
        TargetTest = target,
        Method = method,
        Out = Path.Combine(_dir, $"{method}.zip"),
        MetricsJson = Path.Combine(_dir, $"{method}.json"),
    };

    public static TheoryData<string> Methods => new(AdaptationMethods.Names.Where(n => n != AdaptationMethods.FewShot));

    [Theory]
    [MemberData(nameof(Methods))]
    public void Each_method_saves_a_zip_that_scores_the_target_as_it_did_in_memory(string method)
    {
        var (source, target) = WeatherYears();

        var result = AdaptWorkflow.Run(Options(method, source, target));

        Assert.Equal(method, result.Method);
        var candidate = Assert.Single(result.Candidates);
        Assert.False(candidate.Failed, candidate.Summary);
        Assert.Equal(candidate.TargetAccuracy!.Value, result.TargetTest!.Accuracy, 6);
        Assert.InRange(candidate.InformationMaximization!.Value, 0, Math.Log(result.TargetTest.Labels.Count) + 1e-9);
        var json = File.ReadAllText(Path.Combine(_dir, $"{method}.json"));
        Assert.Contains($"\"method\": \"{method}\"", json);
        Assert.Contains("\"accuracy\"", json);
    }

    [Fact]
    public void Few_shot_with_labeled_target_rows_saves_a_zip_that_scores_the_target_as_it_did_in_memory()
    {
        var (source, target) = WeatherYears();
        var labeled = Path.Combine(_dir, "labeled.csv");
        var lines = File.ReadAllLines(target);
        File.WriteAllLines(labeled, lines.Take(1).Concat(lines.Skip(1).Where((_, i) => i % 12 == 0))); // one day in 12 of 2015

        var result = AdaptWorkflow.Run(Options(AdaptationMethods.FewShot, source, target) with { TargetLabeled = labeled });

        var candidate = Assert.Single(result.Candidates);
        Assert.False(candidate.Failed, candidate.Summary);
        Assert.Equal(31, result.TargetLabeledRows);
        Assert.Equal(candidate.TargetAccuracy!.Value, result.TargetTest!.Accuracy, 6);
    }

    [Fact]
    public void Auto_keeps_the_candidate_with_the_highest_IM_score_whatever_the_target_labels_say()
    {
        var (source, target) = WeatherYears();
        var options = Options(AdaptationMethods.Auto, source, target) with { TargetTest = null, MetricsJson = null };

        var result = AdaptWorkflow.Run(options);

        Assert.Equal(AdaptationMethods.AutoCandidates(false), result.Candidates.Select(c => c.Method));
        Assert.DoesNotContain(AdaptationMethods.Dann, result.Candidates.Select(c => c.Method));
        var best = result.Candidates.Where(c => !c.Failed).MaxBy(c => c.InformationMaximization)!;
        Assert.Equal(best.Method, result.Method);
        // The target's labels are reported but not used: the same target without its label column gives the same choice.
        var unlabeled = Path.Combine(_dir, "unlabeled.csv");
        File.WriteAllLines(unlabeled, File.ReadAllLines(target).Select(l => l[..l.LastIndexOf(',')]));
        var blind = AdaptWorkflow.Run(options with { Target = unlabeled, Out = Path.Combine(_dir, "blind.zip") });
        Assert.Equal(result.Method, blind.Method);
        Assert.All(blind.Candidates, c => Assert.Null(c.TargetAccuracy));
        Assert.Equal(result.Candidates.Select(c => c.InformationMaximization), blind.Candidates.Select(c => c.InformationMaximization));
    }

    [Fact]
    public void Bad_options_and_data_are_user_errors_naming_them()
    {
        var (source, target) = WeatherYears();
        var few = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options(AdaptationMethods.FewShot, source, target)));
        Assert.Contains("TargetLabeled is required by --method few-shot", few.Message);
        var unknown = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options("tca", source, target)));
        Assert.Contains("unknown Method 'tca'", unknown.Message);
        var labeled = Path.Combine(_dir, "labeled.csv");
        File.WriteAllLines(labeled, ["date,precipitation,temp_max,temp_min,wind,weather", "2015-01-01,0,5,1,2,hail", "2015-01-02,0,5,1,2,sun"]);
        var hail = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options("none", source, target) with { TargetLabeled = labeled }));
        Assert.Contains("label 'hail', which the source", hail.Message);
        var images = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options("none", source, TestData.FashionTest) with { TargetTest = null }));
        Assert.Contains("does not have the source's columns", images.Message);
        var tiny = Path.Combine(_dir, "tiny.csv");
        File.WriteAllLines(tiny, File.ReadAllLines(target).Take(3));
        var tinyTarget = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options("dann", source, tiny) with { TargetTest = null }));
        Assert.Contains("has 2 rows", tinyTarget.Message);
        var same = Assert.Throws<UserInputException>(() => AdaptWorkflow.Run(Options("none", source, target) with { MetricsJson = Path.Combine(_dir, "none.zip") }));
        Assert.Contains("is the model file", same.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "none.zip")));
        Assert.Empty(Directory.GetFiles(_dir, "*.zip"));
    }

    [Fact]
    public void Cancelled_while_scoring_the_target_test_leaves_neither_model_nor_metrics()
    {
        var (source, target) = WeatherYears();
        using var cancel = new CancellationTokenSource();
        var progress = new Cancelling(cancel); // cancels once the model is saved, before the target test is scored
        Assert.ThrowsAny<OperationCanceledException>(() => AdaptWorkflow.Run(Options("none", source, target), progress, cancel.Token));
        Assert.True(progress.Saved, "the run never reached the saved model");
        Assert.Empty(Directory.GetFiles(_dir, "*.zip", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(_dir, "none.json")));
    }

    private sealed class Cancelling(CancellationTokenSource cancel) : IProgress<WorkflowProgress>
    {
        public bool Saved { get; private set; }

        public void Report(WorkflowProgress value)
        {
            if (value.Stage != "Saving model" || value.Done != 1) return;
            Saved = true;
            cancel.Cancel();
        }
    }
}
