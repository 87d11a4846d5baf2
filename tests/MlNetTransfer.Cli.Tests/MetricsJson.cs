using System.Text.Json;

namespace MlNetTransfer.Cli.Tests;

/// <summary>A --metrics-json file, parsed.</summary>
internal sealed record MetricsJson(
    IReadOnlyList<string> Keys, string Task, int Examples, double Accuracy, double MacroAccuracy, double MacroF1, double LogLoss,
    double? Auc, IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix)
{
    public static MetricsJson Read(string path)
    {
        Assert.True(File.Exists(path), $"metrics file '{path}' was not written");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
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
            root.TryGetProperty("auc", out var auc) ? auc.GetDouble() : null,
            root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            root.GetProperty("confusionMatrix").EnumerateArray()
                .Select(row => (IReadOnlyList<int>)row.EnumerateArray().Select(v => v.GetInt32()).ToList()).ToList());
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
