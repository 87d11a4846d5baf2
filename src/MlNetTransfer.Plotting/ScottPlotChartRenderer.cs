using MlNetTransfer.Charts;
using ScottPlot;

namespace MlNetTransfer.Plotting;

/// <summary>
/// Draws <see cref="Chart"/>s with ScottPlot 5 (SkiaSharp 3). Loaded by the library into its own load context from the
/// <c>plotting/</c> folder beside the app; never referenced directly.
/// </summary>
public sealed class ScottPlotChartRenderer : IChartRenderer
{
    /// <inheritdoc />
    public byte[] RenderPng(Chart chart)
    {
        var plot = new Plot();
        plot.Font.Set(Fonts.Sans);
        plot.Title(chart.Title);
        plot.XLabel(chart.XLabel);
        plot.YLabel(chart.YLabel);
        switch (chart)
        {
            case ScatterChart scatter: DrawScatter(plot, scatter); break;
            case HeatmapChart heatmap: DrawHeatmap(plot, heatmap); break;
            case HistogramChart histogram: DrawHistogram(plot, histogram); break;
            case BarChart bars: DrawBars(plot, bars); break;
            default: throw new NotSupportedException($"no drawing for {chart.GetType().Name}");
        }
        return plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png);
    }

    private static void DrawScatter(Plot plot, ScatterChart chart)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var total = chart.Groups.Sum(g => g.X.Count);
        for (var g = 0; g < chart.Groups.Count; g++)
        {
            var group = chart.Groups[g];
            // Many points overlap: a little transparency shows where they pile up.
            var colour = palette.GetColor(g).WithAlpha(total > 500 ? 0.6 : 1.0);
            var points = plot.Add.ScatterPoints(group.X.ToArray(), group.Y.ToArray(), colour);
            points.MarkerSize = chart.MarkerSize;
            points.LegendText = group.Label;
        }
        foreach (var line in chart.Lines)
        {
            var drawn = plot.Add.Line(line.X1, line.Y1, line.X2, line.Y2);
            drawn.LinePattern = LinePattern.Dashed;
            drawn.Color = Colors.Black;
            drawn.LegendText = line.Label;
        }
        // Many groups (classes) go beside the plot area, a few inside it.
        if (chart.Groups.Count + chart.Lines.Count > 4)
            plot.ShowLegend(Edge.Right);
        else
            plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void DrawHeatmap(Plot plot, HeatmapChart chart)
    {
        int rows = chart.RowLabels.Count, columns = chart.ColumnLabels.Count;
        var values = new double[rows, columns];
        double max = 0;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                max = Math.Max(max, values[r, c] = chart.Values[r][c]);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed(); // 0 white, high dark blue
        heatmap.ManualRange = new ScottPlot.Range(0, chart.ColourMax ?? Math.Max(max, 1e-12));
        // ScottPlot's default layout: cell (r, c) centred at x = c, y = rows - 1 - r (row 0 on top), edges at ±0.5.
        var colourBar = plot.Add.ColorBar(heatmap);
        colourBar.Label = chart.ColourLabel;
        colourBar.MinimumSize = 115; // its own measure leaves the label's descenders on the image's right edge
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var text = plot.Add.Text(chart.CellText[r][c], c, rows - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = columns > 12 ? 9 : 13;
                text.LabelFontColor = values[r, c] > (chart.ColourMax ?? max) / 2 ? Colors.White : Colors.Black;
            }
        var xs = Enumerable.Range(0, columns).Select(c => (double)c).ToArray();
        var ys = Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, chart.ColumnLabels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ys, chart.RowLabels.ToArray());
        var longest = chart.ColumnLabels.Max(label => label.Length);
        if (longest > 4)
        {
            // Rotated tick labels need room the automatic layout does not reserve.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 40 + 6 * Math.Min(longest, 30);
        }
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
    }

    private static void DrawHistogram(Plot plot, HistogramChart chart)
    {
        var bars = new List<Bar>(chart.Counts.Count);
        for (var i = 0; i < chart.Counts.Count; i++)
        {
            double left = chart.BinEdges[i], right = chart.BinEdges[i + 1];
            bars.Add(new Bar { Position = (left + right) / 2, Value = chart.Counts[i], Size = right - left, LineWidth = 0.5f, LineColor = Colors.White });
        }
        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
    }

    private static void DrawBars(Plot plot, BarChart chart)
    {
        var palette = new ScottPlot.Palettes.Category10();
        int rows = chart.Categories.Count, series = chart.Series.Count;
        var baseline = chart.ValueMin ?? 0;
        const double rowHeight = 0.8;
        var barHeight = rowHeight / series;
        var top = 0.0;
        for (var s = 0; s < series; s++)
        {
            var bars = new List<Bar>(rows);
            for (var r = 0; r < rows; r++)
            {
                // Row r centred at y = rows - 1 - r (first category on top); series side by side within the row, first on top.
                var position = rows - 1 - r + rowHeight / 2 - barHeight * (s + 0.5);
                var value = chart.Series[s].Values[r];
                var error = chart.Series[s].Errors?[r] ?? 0;
                top = Math.Max(top, value + error);
                bars.Add(new Bar
                {
                    Position = position, Value = value, ValueBase = baseline, Size = barHeight * 0.9,
                    Error = error, ErrorPositive = error > 0, ErrorNegative = error > 0, ErrorSize = barHeight * 0.35,
                    // The outline width is also the whiskers' width: a thin dark line draws both.
                    FillColor = palette.GetColor(s), LineWidth = error > 0 ? 1.5f : 0, LineColor = Colors.Black.WithAlpha(0.75), Label = chart.ShowValues && double.IsFinite(value) ? value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "",
                    CenterLabel = chart.ValuesInside,
                });
            }
            var plotted = plot.Add.Bars(bars);
            plotted.Horizontal = true;
            if (series > 1) plotted.LegendText = chart.Series[s].Label;
        }
        var ys = Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ys, chart.Categories.ToArray());
        var max = chart.ValueMax ?? (top > baseline ? top + (top - baseline) * 0.12 : baseline + 1);
        plot.Axes.SetLimits(baseline, max, -0.6, rows - 0.4);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        if (series > 1) plot.ShowLegend(Edge.Right);
    }
}
