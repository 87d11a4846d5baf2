using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>Per-class precision, recall and F1 as grouped horizontal bars (scikit-learn's <c>classification_report</c> drawn), on a 0–1 axis, each value written inside its bar.</summary>
public static class ClassScoresChart
{
    /// <summary>One row per class, in the given order, three bars each.</summary>
    /// <param name="labels">The classes (cut to <see cref="ConfusionMatrixChart.MaxTickLength"/> characters on the axis).</param>
    /// <param name="precision">Per class, in [0, 1].</param>
    /// <param name="recall">Per class, in [0, 1].</param>
    /// <param name="f1">Per class, in [0, 1].</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static BarChart Create(IReadOnlyList<string> labels, IReadOnlyList<double> precision, IReadOnlyList<double> recall, IReadOnlyList<double> f1)
    {
        if (labels.Count == 0) throw new ArgumentException("no classes to draw", nameof(labels));
        if (precision.Count != labels.Count || recall.Count != labels.Count || f1.Count != labels.Count)
            throw new ArgumentException("precision, recall and F1 need one value per label", nameof(labels));
        var ticks = labels.Select(l => l.Length <= ConfusionMatrixChart.MaxTickLength ? l : l[..(ConfusionMatrixChart.MaxTickLength - 1)] + "…").ToArray();
        return new BarChart("Precision, recall and F1 per class", "score", "class", ticks,
            [new BarSeries("precision", precision), new BarSeries("recall", recall), new BarSeries("F1", f1)])
        {
            ValueMin = 0,
            ValueMax = 1, // a score is at most 1: the values are written inside the bars, where a full bar has room for them
            ValuesInside = true,
            Width = 1000,
            Height = Math.Clamp(160 + 75 * labels.Count, 400, 2400),
        };
    }
}
