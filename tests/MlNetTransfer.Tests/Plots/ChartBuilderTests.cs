using MlNetTransfer.Plots;

namespace MlNetTransfer.Tests.Plots;

/// <summary>What the chart builders put in a chart (the numbers behind the pixels).</summary>
public class ChartBuilderTests
{
    [Fact]
    public void ConfusionMatrix_RowsAreTrueLabels_ColourIsTheShareOfTheRow_TextIsCountAndPercent()
    {
        var chart = ConfusionMatrixChart.Create(["cat", "dog"], [[9, 1], [2, 1]]);
        Assert.Equal(["cat", "dog"], chart.RowLabels);
        Assert.Equal("True label", chart.YLabel);
        Assert.Equal("Predicted label", chart.XLabel);
        Assert.Equal(0.9, chart.Values[0][0], 12);
        Assert.Equal(0.1, chart.Values[0][1], 12);
        Assert.Equal(2.0 / 3, chart.Values[1][0], 12);
        Assert.Equal("9\n90%", chart.CellText[0][0]);
        Assert.Equal("2\n67%", chart.CellText[1][0]);
        Assert.Contains("accuracy 0.769", chart.Title);
        Assert.Contains("13 examples", chart.Title);
        Assert.Equal(1, chart.ColourMax);
        var longName = new string('x', 40);
        Assert.Equal(new string('x', 23) + "…", ConfusionMatrixChart.Create([longName, "b"], [[1, 0], [0, 1]]).ColumnLabels[0]);
    }

    [Fact]
    public void Leaderboard_NamesCarryEachCandidatesFolds_AndTheAxisStaysInsideTheMetricsRange()
    {
        // Accuracy 0.99 ± 0.02 would reach 1.01: the axis stops at 1, the most an accuracy can be.
        var chart = LeaderboardChart.Create(["lr", "mlp"], [0.99, 0.9], [0.02, 0.05], [20, 5], "accuracy", "5-fold CV, repeated on fresh folds with spare time", (0, 1));
        Assert.Equal(1, chart.ValueMax);
        Assert.True(chart.ValueMin < 0.85, $"{chart.ValueMin}");
        Assert.Equal(["lr  0.990 (20 folds)", "mlp  0.900 (5 folds)"], chart.Categories);
        Assert.Equal("Head search: accuracy (5-fold CV, repeated on fresh folds with spare time)", chart.Title);
        // A loss is at least 0: the zoomed axis does not start below it; unbounded above.
        var loss = LeaderboardChart.Create(["a"], [0.02], [0.05], [1], "log-loss", "one 80/20 validation split", (0, double.PositiveInfinity));
        Assert.Equal(0, loss.ValueMin);
        Assert.True(loss.ValueMax > 0.07, $"{loss.ValueMax}");
        Assert.Equal("a  0.020 (1 fold)", loss.Categories[0]);
        Assert.Throws<ArgumentException>(() => LeaderboardChart.Create(["a"], [0.5], [0.1], [5, 5], "accuracy", "5-fold CV", (0, 1)));
    }

    [Fact]
    public void ClassScores_RunOnA0To1Axis_WithTheValuesInsideTheBars()
    {
        var chart = ClassScoresChart.Create(["a", "b"], [1, 0.5], [0.75, 1], [0.857, 0.667]);
        Assert.Equal(0, chart.ValueMin);
        Assert.Equal(1, chart.ValueMax);
        Assert.True(chart.ShowValues && chart.ValuesInside);
        Assert.Equal([1, 0.5], chart.Series[0].Values);
    }

    [Fact]
    public void ConfusionMatrix_EmptyCellsReadZero_AndANonSquareMatrixIsRefused()
    {
        var chart = ConfusionMatrixChart.Create(["a", "b"], [[0, 0], [0, 3]]);
        Assert.Equal("0", chart.CellText[0][0]);
        Assert.Equal(0, chart.Values[0][1]);
        Assert.Equal(1, chart.Values[1][1]);
        Assert.Throws<ArgumentException>(() => ConfusionMatrixChart.Create(["a", "b"], [[1, 0]]));
    }

    [Fact]
    public void PredictedVsActual_PlotsActualOnX_WithTheIdentityLineAcrossAllValues()
    {
        float[] actual = [1, 2, 10], predicted = [1.5f, -3, 8];
        var chart = RegressionCharts.PredictedVsActual(actual, predicted, quantity: "price");
        var points = Assert.Single(chart.Groups);
        Assert.Equal([1.0, 2, 10], points.X);
        Assert.Equal([1.5, -3, 8], points.Y);
        var line = Assert.Single(chart.Lines);
        Assert.Equal((-3.0, -3.0, 10.0, 10.0), (line.X1, line.Y1, line.X2, line.Y2));
        Assert.Equal("actual price", chart.XLabel);
        Assert.Equal("Predicted vs actual (R² 0.500, MAE 1.5, 3 examples)", RegressionCharts.PredictedVsActual(actual, predicted, "price", 0.5, 1.5).Title);
        Assert.Throws<ArgumentException>(() => RegressionCharts.PredictedVsActual([1, 2], [1]));
    }

    [Fact]
    public void Residuals_ArePredictedMinusActual_BinnedAsNumpyAuto()
    {
        float[] actual = [10, 10, 10, 10], predicted = [11, 12, 9, 10];
        var chart = RegressionCharts.Residuals(actual, predicted);
        var (edges, counts) = HistogramBins.Auto([1, 2, -1, 0]);
        Assert.Equal(edges, chart.BinEdges);
        Assert.Equal(counts, chart.Counts);
        Assert.Contains("mean 0.5", chart.Title);
    }

    [Fact]
    public void EmbeddingMap_GroupsPointsByLabel_InOrdinalOrder_KeepingEachPointsCoordinates()
    {
        var chart = EmbeddingMapChart.Create(["b", "a", "b"], [[1, 2], [3, 4], [5, 6]], "map", "t-SNE");
        Assert.Equal(["a", "b"], chart.Groups.Select(g => g.Label));
        Assert.Equal([3.0], chart.Groups[0].X);
        Assert.Equal([1.0, 5], chart.Groups[1].X);
        Assert.Equal([2.0, 6], chart.Groups[1].Y);
        Assert.Equal("t-SNE 1", chart.XLabel);
        Assert.Throws<ArgumentException>(() => EmbeddingMapChart.Create(["a"], [[1, 2, 3]], "map", "PC"));
        Assert.Equal(["b", "a"], EmbeddingMapChart.Create(["b", "a", "b"], [[1, 2], [3, 4], [5, 6]], "map", "PC", order: ["b", "a"]).Groups.Select(g => g.Label));
    }
}
