using System.Text.Json;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Tests;

/// <summary>A --metrics-json file, parsed.</summary>
internal sealed record MetricsJson(
    IReadOnlyList<string> Keys, string Task, int Examples, double Accuracy, double MacroAccuracy, double MacroF1, double LogLoss,
    double? Auc, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix)
{
    public static MetricsJson Read(string path)
    {
        Assert.True(File.Exists(path), $"metrics file '{path}' was not written");
        var text = File.ReadAllText(path);
        Assert.True(text.EndsWith('\n'), $"metrics file '{path}' does not end with a newline");
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        return new MetricsJson(
            root.EnumerateObject().Select(p => p.Name).ToList(),
            root.GetProperty("task").GetString()!,
            root.GetProperty("examples").GetInt32(),
            root.GetProperty("accuracy").GetDouble(),
            root.GetProperty("macroAccuracy").GetDouble(),
            root.GetProperty("macroF1").GetDouble(),
            root.GetProperty("logLoss").GetDouble(),
            root.TryGetProperty("auc", out var auc) ? auc.ValueKind == JsonValueKind.Null ? double.NaN : auc.GetDouble() : null,
            root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            root.GetProperty("confusionMatrix").EnumerateArray()
                .Select(row => (IReadOnlyList<int>)row.EnumerateArray().Select(v => v.GetInt32()).ToList()).ToList());
    }

    /// <summary>Absolute tolerance on logLoss and AUC between two paths (see <see cref="AssertSameOutcome"/>).</summary>
    public const double ProbabilityMetricTolerance = 1e-6;

    /// <summary>
    /// Two metrics files of two paths over the same examples (train's in-memory features vs evaluate on the saved zip):
    /// the same keys, task, examples, labels and confusion matrix (so every predicted label), accuracy, macro accuracy and
    /// macro F1 identical; logLoss and AUC, computed from probabilities whose float rounding depends on the path and the
    /// CPU's SIMD width, within <see cref="ProbabilityMetricTolerance"/>.
    /// </summary>
    public static void AssertSameOutcome(string expectedPath, string actualPath)
    {
        Assert.Equal(Read(expectedPath).Keys, Read(actualPath).Keys);
        var expected = ClassificationMetrics.FromJson(File.ReadAllText(expectedPath));
        var actual = ClassificationMetrics.FromJson(File.ReadAllText(actualPath));
        Assert.True(expected.HasSameOutcomeAs(actual, ProbabilityMetricTolerance),
            $"the two paths' metrics differ beyond the stated tolerance\n--- {expectedPath} ---\n{expected.ToJson()}\n--- {actualPath} ---\n{actual.ToJson()}");
    }

    /// <summary>Checks the matrix is labels x labels, sums to the examples and agrees with accuracy.</summary>
    public void AssertConsistent()
    {
        Assert.Equal(Labels.Count, ConfusionMatrix.Count);
        Assert.All(ConfusionMatrix, row => Assert.Equal(Labels.Count, row.Count));
        Assert.All(ConfusionMatrix, row => Assert.All(row, v => Assert.True(v >= 0)));
        Assert.Equal(Examples, ConfusionMatrix.Sum(row => row.Sum()));
        var correct = Enumerable.Range(0, Labels.Count).Sum(i => ConfusionMatrix[i][i]);
        Assert.Equal((double)correct / Examples, Accuracy, 1e-9);
        Assert.InRange(MacroAccuracy, 0, 1);
        Assert.InRange(MacroF1, 0, 1);
        Assert.True(LogLoss >= 0 && double.IsFinite(LogLoss), $"logLoss {LogLoss}");
    }
}
