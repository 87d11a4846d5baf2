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

    /// <summary>
    /// Trains ResNet18 features + a <paramref name="trainer"/> head on <paramref name="data"/>'s train folder, tests on its test
    /// folder, writes <c>model.zip</c> and <c>metrics.json</c> to <paramref name="outDir"/> (created if needed), then evaluates
    /// the saved zip again with <see cref="EvaluateWorkflow"/>.
    /// </summary>
    /// <param name="data">The class-folder trees to use, usually from <see cref="Locate"/>.</param>
    /// <param name="outDir">Folder for the model and metrics; existing files there are replaced.</param>
    /// <param name="trainer">The head: <c>lr</c>, <c>fasttree</c> or <c>mlp</c> (case-insensitive).</param>
    /// <param name="progress">Told the stage and row counts of both runs.</param>
    /// <param name="cancellation">Stops training or evaluation.</param>
    /// <returns>The training run, the reloaded model's metrics (they should equal the training run's test metrics) and the first test image's path.</returns>
    /// <exception cref="UserInputException">An unknown <paramref name="trainer"/>, or data or output problems (see <see cref="MlNetTransfer.Datasets.DatasetLoader.Load"/>).</exception>
    public static DemoResult Run(DemoData data, string outDir, string trainer, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (File.Exists(outDir)) throw new UserInputException($"The demo's output folder '{Path.GetFullPath(outDir)}' is a file (--out-dir names a folder for the model and metrics).");
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
