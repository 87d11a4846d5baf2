using MlNetTransfer.Engine;

namespace MlNetTransfer.Workflows;

/// <summary>What a training run produced.</summary>
public sealed record TrainResult(string ModelPath, ClassificationMetrics Metrics, int TrainExamples, int TestExamples, IReadOnlyList<Prediction> TestPredictions)
{
    /// <summary>What featurizing the training and test data did: images through a backbone, images from the embedding cache.</summary>
    public EngineCounters Featurizing { get; init; } = new();
}
