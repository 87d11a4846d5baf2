using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>One ResNet18 + logistic-regression model trained on the shipped Fashion-MNIST subset, shared by the tests that read it.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    public TrainedModelFixture()
    {
        Dir = TestData.TempDir();
        Options = new TrainOptions
        {
            Data = TestData.FashionTrain,
            Test = TestData.FashionTest,
            Out = Path.Combine(Dir, "model.zip"),
            MetricsJson = Path.Combine(Dir, "metrics.json"),
            Trainer = HeadRegistry.Default.Get("lr"),
        };
        Result = TrainWorkflow.Run(Options);
    }

    public string Dir { get; }

    public TrainOptions Options { get; }

    public TrainResult Result { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
