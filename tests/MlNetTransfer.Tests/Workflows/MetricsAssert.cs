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

    public static void SameOutcome(ClassificationMetrics expected, ClassificationMetrics actual) =>
        Assert.True(expected.HasSameOutcomeAs(actual, ProbabilityMetricTolerance),
            $"the two paths' metrics differ beyond the stated tolerance\n--- expected ---\n{expected.ToJson()}\n--- actual ---\n{actual.ToJson()}");
}
