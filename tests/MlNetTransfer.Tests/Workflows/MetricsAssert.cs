using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// Compares the metrics of two paths over the same examples (the training run's in-memory features vs the saved zip
/// run row by row). What must be identical: task, examples, labels and the confusion matrix (so every predicted label),
/// and the metrics computed from it (accuracy, macro accuracy, macro F1). What may differ in the last digits: logLoss
/// and AUC, computed from probabilities whose float rounding depends on the path and the CPU (ML.NET sums in a
/// SIMD order that differs between AVX2 and AVX-512): |difference| &lt;= <see cref="ProbabilityMetricTolerance"/>.
/// </summary>
internal static class MetricsAssert
{
    /// <summary>Absolute tolerance on logLoss and AUC (observed: 6e-9 on AMD EPYC, 0 on Intel).</summary>
    public const double ProbabilityMetricTolerance = 1e-6;

    public static void SameOutcome(ClassificationMetrics expected, ClassificationMetrics actual)
    {
        Assert.Equal(expected.Task, actual.Task);
        Assert.Equal(expected.Examples, actual.Examples);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.ConfusionMatrix, actual.ConfusionMatrix);
        Assert.Equal(expected.Accuracy, actual.Accuracy);
        Assert.Equal(expected.MacroAccuracy, actual.MacroAccuracy);
        Assert.Equal(expected.MacroF1, actual.MacroF1);
        Assert.Equal(expected.LogLoss, actual.LogLoss, ProbabilityMetricTolerance);
        Assert.Equal(expected.Auc is null, actual.Auc is null);
        if (expected.Auc is { } auc) Assert.Equal(auc, actual.Auc!.Value, ProbabilityMetricTolerance);
    }
}
