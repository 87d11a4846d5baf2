namespace MlNetTransfer.Workflows;

/// <summary>
/// The demo: train ResNet18 + a head on the Fashion-MNIST subset shipped in data/, save the zip, reload it with
/// stock ML.NET and evaluate it again to show the saved model reproduces the training run's test metrics.
/// </summary>
public static class DemoWorkflow
{
    /// <summary>Where the demo data lives.</summary>
    public sealed record DemoData(string Train, string Test);

    /// <summary>What the demo produced.</summary>
    public sealed record DemoResult(TrainResult Train, ClassificationMetrics Reloaded, string SampleImage);

    private static readonly string Relative = Path.Combine("data", "fashion-mnist-small");

    /// <summary>The shipped subset: ./data/fashion-mnist-small (a clone's root), else the copy next to the application.</summary>
    public static DemoData Locate()
    {
        foreach (var root in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = Path.Combine(root, Relative);
            if (Directory.Exists(Path.Combine(dir, "train")) && Directory.Exists(Path.Combine(dir, "test")))
                return new DemoData(Path.Combine(dir, "train"), Path.Combine(dir, "test"));
        }
        throw new UserInputException($"The demo data '{Relative}' was found neither in the current folder nor next to the application.");
    }

    public static DemoResult Run(DemoData data, string outDir, string trainer, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(outDir);
        var train = TrainWorkflow.Run(new TrainOptions
        {
            Data = data.Train,
            Test = data.Test,
            Out = Path.Combine(outDir, "model.zip"),
            MetricsJson = Path.Combine(outDir, "metrics.json"),
            Trainer = Heads.HeadRegistry.Default.Get(trainer),
        }, progress, cancellation);
        var reloaded = EvaluateWorkflow.Run(train.ModelPath, data.Test, progress: progress, cancellation: cancellation);
        return new DemoResult(train, reloaded, train.TestPredictions[0].Id);
    }
}
