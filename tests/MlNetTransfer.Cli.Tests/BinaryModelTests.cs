namespace MlNetTransfer.Cli.Tests;

/// <summary>A two-class folder (trouser vs bag) trained with fasttree: binary metrics with AUC.</summary>
public sealed class BinaryModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Fasttree_on_two_classes_gives_binary_metrics_with_auc_that_evaluate_reproduces()
    {
        TestData.CopyClasses(TestData.FashionTrain, _dir["train"], "trouser", "bag");
        TestData.CopyClasses(TestData.FashionTest, _dir["test"], "trouser", "bag");

        _dir.Run("train", "--data", _dir["train"], "--test", _dir["test"], "--out", _dir["b.zip"],
            "--metrics-json", _dir["b.json"], "--trainer", "fasttree").Succeeded();
        Assert.True(File.Exists(_dir["b.zip"]));

        var m = MetricsJson.Read(_dir["b.json"]);
        Assert.Equal(["task", "examples", "accuracy", "macroAccuracy", "macroF1", "logLoss", "auc", "labels", "confusionMatrix"], m.Keys);
        Assert.Equal("binary", m.Task);
        Assert.Equal(["bag", "trouser"], m.Labels);
        Assert.Equal(20, m.Examples);
        m.AssertConsistent();
        Assert.All(m.ConfusionMatrix, row => Assert.Equal(10, row.Sum()));
        Assert.True(m.Accuracy >= 0.9, $"accuracy {m.Accuracy} (measured 1.0)");
        Assert.True(m.Auc >= 0.95, $"auc {m.Auc} (measured 1.0)");

        var evaluated = _dir.Run("evaluate", "--model", _dir["b.zip"], "--data", _dir["test"], "--metrics-json", _dir["e.json"],
            "--plot", _dir["confusion.png"]).Succeeded();
        MetricsJson.AssertSameOutcome(_dir["b.json"], _dir["e.json"]);
        Assert.Contains($"plot:{_dir["confusion.png"]}", System.Text.RegularExpressions.Regex.Replace(evaluated.Stdout, @"\s+", "")); // the console wraps long paths
        using var picture = SkiaSharp.SKBitmap.Decode(_dir["confusion.png"]);
        Assert.True(picture is { Width: > 400, Height: > 400 }, "the confusion matrix is not a readable PNG");
    }
}

/// <summary>Binary data whose held-out rows are all one class: AUC is undefined, written as null with its reason, and the run succeeds.</summary>
public sealed class UndefinedMetricTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OneClassTestData_GivesNullAucWithTheReason_InTrainAndEvaluate()
    {
        File.WriteAllLines(_dir["train.csv"], ["text,label", "great product works well,good", "lovely fast delivery,good", "nice sturdy build,good",
            "awful broke quickly,bad", "terrible waste money,bad", "poor quality returned,bad"]);
        File.WriteAllLines(_dir["test.csv"], ["text,label", "great lovely build,good", "works nice fast,good"]);
        var train = _dir.Run("train", "--data", _dir["train.csv"], "--test", _dir["test.csv"], "--text-column", "text",
            "--out", _dir["m.zip"], "--metrics-json", _dir["train.json"]).Succeeded();
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(train.Stdout, @"AUC\s*│\s*undefined: the data holds only one of"), train.Describe());
        foreach (var json in new[] { "train.json", "evaluate.json" })
        {
            if (json == "evaluate.json")
                _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", _dir["test.csv"], "--metrics-json", _dir[json]).Succeeded();
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir[json]));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("auc").ValueKind);
            Assert.Equal("the data holds only one of the two labels ('good')", doc.RootElement.GetProperty("aucUndefined").GetString());
        }
        Assert.True(File.Exists(_dir["m.zip"]));
        MetricsJson.AssertSameOutcome(_dir["train.json"], _dir["evaluate.json"]);
    }
}
