namespace MlNetTransfer.Workflows;

/// <summary>What a training run produced.</summary>
public sealed record TrainResult(string ModelPath, ClassificationMetrics Metrics, int TrainExamples, int TestExamples, IReadOnlyList<Prediction> TestPredictions);
