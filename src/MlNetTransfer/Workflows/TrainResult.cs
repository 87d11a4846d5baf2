using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a training run produced. <paramref name="Skipped"/>: the unreadable examples left out with
/// <c>--on-bad-input skip</c> (listed in <paramref name="BadInputReport"/>, null when none).
/// </summary>
public sealed record TrainResult(string ModelPath, ClassificationMetrics Metrics, int TrainExamples, int TestExamples, IReadOnlyList<Prediction> TestPredictions,
    IReadOnlyList<BadInput>? Skipped = null, string? BadInputReport = null)
{
    /// <summary>What featurizing the training and test data did: inputs through a backbone, inputs from the embedding cache.</summary>
    public EngineCounters Featurizing { get; init; } = new();
}
