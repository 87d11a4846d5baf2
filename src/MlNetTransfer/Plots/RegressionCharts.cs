using System.Globalization;
using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>The two pictures of a regression model's evaluation: predicted vs actual values, and the residuals' histogram.</summary>
public static class RegressionCharts
{
    /// <summary>One point per example (actual on x, predicted on y) and the dashed line y = x where a perfect model's points lie.</summary>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The model's values, in the same order.</param>
    /// <param name="quantity">What is predicted (the label column's name), for the axis labels.</param>
    /// <param name="r2">The coefficient of determination, shown in the title with <paramref name="mae"/>; null shows neither.</param>
    /// <param name="mae">The mean absolute error, in the label's units.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static ScatterChart PredictedVsActual(IReadOnlyList<float> actual, IReadOnlyList<float> predicted, string quantity = "value", double? r2 = null, double? mae = null)
    {
        Check(actual, predicted);
        var all = actual.Concat(predicted).Where(float.IsFinite).Select(v => (double)v).DefaultIfEmpty(0).ToArray();
        double low = all.Min(), high = all.Max();
        var title = r2 is null
            ? string.Create(CultureInfo.InvariantCulture, $"Predicted vs actual ({actual.Count} examples)")
            : string.Create(CultureInfo.InvariantCulture, $"Predicted vs actual (R² {r2:0.000}, MAE {mae:0.###}, {actual.Count} examples)");
        return new ScatterChart(title, $"actual {quantity}", $"predicted {quantity}",
            [new PointGroup("examples", actual.Select(v => (double)v).ToArray(), predicted.Select(v => (double)v).ToArray())])
        {
            Lines = [new ReferenceLine("perfect prediction (y = x)", low, low, high, high)],
            MarkerSize = actual.Count > 2000 ? 3 : 5,
        };
    }

    /// <summary>The residuals (predicted − actual) binned as numpy's <c>"auto"</c> rule does (<see cref="HistogramBins.Auto"/>).</summary>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The model's values, in the same order.</param>
    /// <param name="quantity">What is predicted (the label column's name), for the axis label.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a residual is not finite.</exception>
    public static HistogramChart Residuals(IReadOnlyList<float> actual, IReadOnlyList<float> predicted, string quantity = "value")
    {
        Check(actual, predicted);
        var residuals = actual.Select((a, i) => (double)predicted[i] - a).ToArray();
        var (edges, counts) = HistogramBins.Auto(residuals);
        var mean = residuals.Average();
        var sd = Math.Sqrt(residuals.Sum(r => (r - mean) * (r - mean)) / residuals.Length);
        return new HistogramChart(
            string.Create(CultureInfo.InvariantCulture, $"Residuals (mean {mean:0.###}, sd {sd:0.###}, {residuals.Length} examples)"),
            $"residual: predicted − actual {quantity}", "examples", edges, counts);
    }

    private static void Check(IReadOnlyList<float> actual, IReadOnlyList<float> predicted)
    {
        if (actual.Count == 0) throw new ArgumentException("no examples to plot", nameof(actual));
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"{actual.Count} actual values but {predicted.Count} predictions", nameof(predicted));
    }
}
