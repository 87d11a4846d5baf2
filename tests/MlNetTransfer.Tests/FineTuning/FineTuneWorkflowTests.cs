using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;
using MlNetTransfer.Tests.Workflows;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.FineTuning;

/// <summary>
/// Train with <see cref="TrainOptions.Unfreeze"/>: the saved zip (with the fine-tuned backbone in it) loads in a plain
/// ML.NET process and predicts exactly as the training run; the trunk's cut activations are then read from the cache
/// instead of running the trunk again.
/// </summary>
public sealed class FineTuneWorkflowTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Subset(string split, string source, int perClass)
    {
        foreach (var label in new[] { "bag", "trouser" })
        {
            var target = Directory.CreateDirectory(Path.Combine(_dir, split, label)).FullName;
            foreach (var f in Directory.GetFiles(Path.Combine(source, label)).Order(StringComparer.Ordinal).Take(perClass)) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
        }
        return Path.Combine(_dir, split);
    }

    [Fact]
    public void The_fine_tuned_zip_predicts_in_plain_MlNet_as_in_training_and_the_trunk_is_then_read_from_the_cache()
    {
        var train = Subset("train", TestData.FashionTrain, 8);
        var test = Subset("test", TestData.FashionTest, 5);
        // No validation split: every joint epoch is kept, so the zip holds a backbone that really changed.
        var options = new TrainOptions
        {
            Data = train,
            Test = test,
            Out = Path.Combine(_dir, "fine-tuned.zip"),
            Trainer = new MultilayerPerceptronHead(new MlpOptions { HiddenLayers = [32], Seed = 1, ValidationFraction = 0 }),
            Unfreeze = UnfreezeDepth.LastBlock,
            UnfreezeEpochs = 2,
            BackboneLearningRate = 1e-4f,
            CacheDir = Path.Combine(_dir, "cache"),
            Seed = 1,
        };
        var first = new List<WorkflowProgress>();
        var result = TrainWorkflow.Run(options, new SynchronousProgress<WorkflowProgress>(first.Add));
        Assert.Contains(first, p => p.Stage.StartsWith("Fine-tuning resnet18", StringComparison.Ordinal) && p.Detail?.Contains("s left)") == true);
        Assert.Contains(first, p => p.Stage.StartsWith("Running the frozen trunk", StringComparison.Ordinal) && p.Detail == "0 of 16 from the cache");
        Assert.Contains(first, p => p.Detail?.StartsWith("kept epoch 2 of 2;", StringComparison.Ordinal) == true);
        Assert.True(result.Metrics.Accuracy >= 0.9, $"accuracy {result.Metrics.Accuracy}");
        // inspect says what the part is: which backbone, which part of it was trained.
        var part = Assert.Single(InspectWorkflow.Model(result.ModelPath).Parts);
        Assert.Equal(("resnet18-last-block-fine-tuned", "image backbone resnet18 with its last block fine-tuned by train --unfreeze (ONNX, 512-d embedding; the rest frozen)"),
            (part.Featurizer, part.Kind));

        PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.Predict(result.ModelPath, result.TestPredictions.Select(p => p.Id)), result.TestPredictions, 1e-6f);

        // A second run (other learning rates) starts with the same trunk pass: every image from the cache.
        var second = new List<WorkflowProgress>();
        var data = DatasetLoader.Load(train);
        using var cache = EmbeddingCache.Open(Path.Combine(_dir, "cache"));
        var again = StageFineTuner.CutActivations(BuiltInBackbones.ResNet18, UnfreezeDepth.LastBlock, data, data.Columns.Single(c => c.Role == ColumnRole.Image).Name,
            _dir, cache, new SynchronousProgress<WorkflowProgress>(second.Add));
        Assert.Contains(second, p => p.Detail == "16 of 16 from the cache");
        Assert.Equal(16, again.Length);
        Assert.All(again, row => Assert.Equal(512 * 7 * 7, row.Length));
    }
}
