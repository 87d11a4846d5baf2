using MlNetTransfer.Workflows;
using Spectre.Console;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>Renders metrics as a table: a classifier's with the confusion matrix below it, a regression's with the label's scale.</summary>
public static class MetricsTable
{
    /// <summary>Writes <paramref name="m"/> as its task says (<see cref="ClassificationMetrics"/> or <see cref="RegressionMetrics"/>).</summary>
    public static void Write(IAnsiConsole console, IModelMetrics m, string title)
    {
        switch (m)
        {
            case ClassificationMetrics classification: Write(console, classification, title); break;
            case RegressionMetrics regression: Write(console, regression, title); break;
            default: throw new ArgumentException($"Unknown metrics type {m.GetType().Name}.", nameof(m));
        }
    }

    /// <summary>Writes a regression's metrics titled <paramref name="title"/>: R², MAE, RMSE, and the true labels' mean and (population) standard deviation.</summary>
    public static void Write(IAnsiConsole console, RegressionMetrics m, string title)
    {
        var table = new Table().Title(title).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("task", m.Task);
        table.AddRow("examples", m.Examples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("R²", Defined(m.R2, m.R2Undefined));
        table.AddRow("MAE", Defined(m.Mae, m.MaeUndefined));
        table.AddRow("RMSE", Defined(m.Rmse, m.RmseUndefined));
        table.AddRow("label mean", F(m.LabelMean));
        table.AddRow("label std (population)", F(m.LabelStd));
        console.Write(table);
    }

    /// <summary>Writes the metrics table titled <paramref name="title"/> and the confusion matrix to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, ClassificationMetrics m, string title)
    {
        var table = new Table().Title(title).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("task", m.Task);
        table.AddRow("examples", m.Examples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("accuracy", F(m.Accuracy));
        table.AddRow("macro accuracy", F(m.MacroAccuracy));
        table.AddRow("macro F1", F(m.MacroF1));
        table.AddRow("log loss", Defined(m.LogLoss, m.LogLossUndefined));
        if (m.Auc is { } auc) table.AddRow("AUC", Defined(auc, m.AucUndefined));
        console.Write(table);

        // Columns are numbered so ten or more labels still fit an 80-column terminal.
        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn("true label");
        for (var j = 0; j < m.Labels.Count; j++) confusion.AddColumn(new TableColumn(j.ToString(System.Globalization.CultureInfo.InvariantCulture)).RightAligned());
        for (var i = 0; i < m.Labels.Count; i++)
            confusion.AddRow([Markup.Escape($"{i} {m.Labels[i]}"), .. m.ConfusionMatrix[i].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        console.Write(confusion);
    }

    /// <summary>The value, or "undefined: why" (escaped for markup) when it is not a finite number.</summary>
    private static string Defined(double v, string? undefined) =>
        double.IsFinite(v) ? F(v) : Markup.Escape($"undefined: {undefined ?? "not a finite number"}");

    private static string F(double v) => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
