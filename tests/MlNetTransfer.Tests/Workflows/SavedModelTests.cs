using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

public sealed class SavedModelTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void PlainMlNetApp_LoadsTheZip_AndPredictsExactlyAsTheTrainingProcess()
    {
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(PlainMlNetProcess.ConsumerPath)!, "MlNetTransfer.dll")),
            "the plain consumer must not have MlNetTransfer next to it");
        var expected = trained.Result.TestPredictions;
        var actual = PlainMlNetProcess.Predict(trained.Result.ModelPath, expected.Select(p => p.Id));

        Assert.Equal(expected.Select(p => p.Id), actual.Select(p => p.Path));
        Assert.All(actual, a => Assert.Equal(10, a.Scores.Length));
        PlainMlNetProcess.AssertPredictsAsTheTrainingRun(actual, expected, 1e-6f);
        Assert.Contains(actual, a => a.Predicted != actual[0].Predicted); // not a constant model
    }

    [Fact]
    public void Evaluate_OnTheSavedZip_ReproducesTheTrainingRunsTestMetrics()
    {
        var metrics = EvaluateWorkflow.Run(trained.Result.ModelPath, TestData.FashionTest);
        MetricsAssert.SameOutcome(trained.Result.Metrics, metrics);
    }

    [Fact]
    public void BinaryFastTree_SavesTextLabels_AndPlainMlNetPredictsTheSame()
    {
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "bag", "trouser");
            var result = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(dir, "binary.zip"), Trainer = HeadRegistry.Default.Get("fasttree") });
            Assert.Equal("binary", result.Metrics.Task);
            Assert.Equal(["bag", "trouser"], result.Metrics.Labels);
            Assert.NotNull(result.Metrics.Auc);
            Assert.True(result.Metrics.Accuracy >= 0.85, $"accuracy {result.Metrics.Accuracy}");

            var plain = PlainMlNetProcess.Predict(result.ModelPath, result.TestPredictions.Select(p => p.Id));
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), plain.Select(p => p.Predicted));
            Assert.All(plain, p => Assert.Contains(p.Predicted, new[] { "bag", "trouser" }));
            Assert.Equal(result.TestPredictions.Select(p => p.Probabilities[1]), plain.Select(p => p.Scores[0]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("fasttree")] // one-versus-all FastTree
    [InlineData("mlp")]      // ONNX MLP head + one-hot KMeans argmax
    public void MulticlassHead_RoundTripsThroughTheZip(string trainer)
    {
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "coat", "sandal", "trouser");
            var result = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(dir, $"{trainer}.zip"), Trainer = HeadRegistry.Default.Get(trainer) });
            Assert.Equal("multiclass", result.Metrics.Task);
            Assert.Equal(["coat", "sandal", "trouser"], result.Metrics.Labels);
            Assert.True(result.Metrics.Accuracy >= 0.8, $"accuracy {result.Metrics.Accuracy}");
            Assert.All(result.TestPredictions, p => Assert.Equal(1.0, p.Probabilities.Sum(), 4));

            MetricsAssert.SameOutcome(result.Metrics, EvaluateWorkflow.Run(result.ModelPath, test));
            PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.Predict(result.ModelPath, result.TestPredictions.Select(p => p.Id)),
                result.TestPredictions, 1e-5f, normalizeScores: true);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
