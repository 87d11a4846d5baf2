using System.Globalization;
using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>A classifier's confusion matrix as a labelled heatmap (rows: true label, columns: predicted label, as scikit-learn's <c>ConfusionMatrixDisplay</c>).</summary>
public static class ConfusionMatrixChart
{
    /// <summary>Labels longer than this are cut (with "…") on the axes.</summary>
    public const int MaxTickLength = 24;

    /// <summary>
    /// Each non-empty cell shows its count and its share of the true class (the row, i.e. that class' recall on the diagonal);
    /// the colour is that share on a fixed 0–1 scale, so small classes read as clearly as large ones and two charts compare.
    /// </summary>
    /// <param name="labels">The classes, in the matrix' order (a classification metrics' <c>Labels</c>).</param>
    /// <param name="confusionMatrix">counts[true][predicted], k x k for k labels (a classification metrics' <c>ConfusionMatrix</c>).</param>
    /// <param name="title">The chart title; null for "Confusion matrix" with the accuracy (the diagonal's share) and example count.</param>
    /// <exception cref="ArgumentException">The matrix is not square with one row per label.</exception>
    public static HeatmapChart Create(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<int>> confusionMatrix, string? title = null)
    {
        var k = labels.Count;
        if (k == 0 || confusionMatrix.Count != k || confusionMatrix.Any(row => row.Count != k))
            throw new ArgumentException($"the confusion matrix must be {k} x {k}, one row and column per label", nameof(confusionMatrix));
        var shares = new List<IReadOnlyList<double>>(k);
        var text = new List<IReadOnlyList<string>>(k);
        foreach (var row in confusionMatrix)
        {
            var total = row.Sum();
            shares.Add(row.Select(n => total == 0 ? 0 : (double)n / total).ToArray());
            text.Add(row.Select(n => n == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{n}\n{100.0 * n / total:0}%")).ToArray());
        }
        var size = Math.Clamp(220 + 60 * k, 500, 1400);
        // Long labels are cut for the axes (the matrix' order and the legend of a report keep them whole).
        var ticks = labels.Select(l => l.Length <= MaxTickLength ? l : l[..(MaxTickLength - 1)] + "…").ToArray();
        var examples = confusionMatrix.Sum(row => row.Sum());
        var correct = Enumerable.Range(0, k).Sum(i => confusionMatrix[i][i]);
        return new HeatmapChart(
            title ?? string.Create(CultureInfo.InvariantCulture, $"Confusion matrix (accuracy {(examples == 0 ? 0 : (double)correct / examples):0.000}, {examples} examples)"),
            "Predicted label", "True label", ticks, ticks, shares, text)
        { Width = size + 120, Height = size, ColourMax = 1, ColourLabel = "share of the true label" };
    }
}
