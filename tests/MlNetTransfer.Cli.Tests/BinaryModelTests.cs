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

        _dir.Run("evaluate", "--model", _dir["b.zip"], "--data", _dir["test"], "--metrics-json", _dir["e.json"]).Succeeded();
        MetricsJson.AssertSameOutcome(_dir["b.json"], _dir["e.json"]);
    }
}
