using System.Text;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Workflows;

/// <summary>
/// What a training run produced: the zip, the test metrics (<see cref="TestMetrics"/>: <see cref="ClassificationMetrics"/>
/// or <see cref="Workflows.RegressionMetrics"/>, as the task), the test predictions (for a regression,
/// <see cref="Prediction.Predicted"/> is the number in round-trip format with no probabilities, and
/// <see cref="TestValues"/> has the numbers). <paramref name="Skipped"/>: the unreadable examples left out with
/// <c>--on-bad-input skip</c> (listed in <paramref name="BadInputReport"/>, null when none).
/// </summary>
public sealed record TrainResult(string ModelPath, IModelMetrics TestMetrics, int TrainExamples, int TestExamples, IReadOnlyList<Prediction> TestPredictions,
    IReadOnlyList<BadInput>? Skipped = null, string? BadInputReport = null)
{
    /// <summary>Classification or regression: what the model learned.</summary>
    public LearningTask Task => TestMetrics is RegressionMetrics ? LearningTask.Regression : LearningTask.Classification;

    /// <summary>The test metrics of a classification run; an <see cref="InvalidOperationException"/> for a regression run (read <see cref="RegressionMetrics"/>).</summary>
    public ClassificationMetrics Metrics => TestMetrics as ClassificationMetrics
        ?? throw new InvalidOperationException($"A {TestMetrics.Task} run has no classification metrics: read {nameof(RegressionMetrics)} (or {nameof(TestMetrics)}).");

    /// <summary>The test metrics of a regression run; null for a classification run.</summary>
    public RegressionMetrics? RegressionMetrics => TestMetrics as RegressionMetrics;

    /// <summary>A regression run's test predictions as numbers, in test order; empty for a classification run.</summary>
    public IReadOnlyList<RegressionPrediction> TestValues { get; init; } = [];

    /// <summary>What the feature-space step learned (PCA: components kept, explained variance), or null without a step or a report.</summary>
    public FeatureSpaceReport? FeatureSpace { get; init; }

    /// <summary><c>--trainer auto</c>: the candidates tried, best first, and the winner (the saved head); null for a named head.</summary>
    public HeadSearchResult? Search { get; init; }

    /// <summary>The report written by <see cref="TrainOptions.Report"/> (<c>report.md</c>), or null.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Wall-clock seconds of each stage the run reported, in order (load, featurize, search, head, scoring, saving).</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];

    /// <summary>What featurizing the training and test data did: inputs through a backbone, inputs from the embedding cache.</summary>
    public EngineCounters Featurizing { get; init; } = new();

    /// <summary>The backbones <see cref="TrainOptions.Quantize"/> replaced by int8 versions calibrated on the training images; empty without it.</summary>
    public IReadOnlyList<QuantizedBackbone> Quantized { get; init; } = [];

    /// <summary>The record's text (<c>ToString</c>) without the task-specific views, so a regression run prints too.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ModelPath = {ModelPath}, Task = {Task}, TestMetrics = {TestMetrics}, TrainExamples = {TrainExamples}, TestExamples = {TestExamples}, ");
        builder.Append($"TestPredictions = {TestPredictions.Count} predictions, Skipped = {Skipped?.Count ?? 0}, BadInputReport = {BadInputReport}, Featurizing = {Featurizing}");
        return true;
    }
}
