using System.Globalization;
using MlNetTransfer.Workflows;
using Spectre.Console;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>The adaptation candidates as a table: each method's information-maximisation score, its target accuracy when the target has labels, its time, and which was saved.</summary>
public static class AdaptationTable
{
    /// <summary>Writes <paramref name="result"/>'s candidates and a line naming the saved method.</summary>
    public static void Write(IAnsiConsole console, AdaptResult result)
    {
        if (result.InputAlignments.Count > 0)
            console.MarkupLineInterpolated($"Input alignment of the source images: {string.Join(", ", result.InputAlignments.Select(a => $"{AdaptWorkflow.Name(a.Alignment)} (domain-classifier AUC {a.DomainClassifierAuc.ToString("F3", CultureInfo.InvariantCulture)})"))}; kept {AdaptWorkflow.Name(result.InputAlignment)}.");
        var withAccuracy = result.Candidates.Any(c => c.TargetAccuracy is not null);
        var table = new Table().Title($"adaptation ({result.SourceRows} source, {result.TargetRows} target rows{(result.TargetLabeledRows > 0 ? $", {result.TargetLabeledRows} labeled target" : "")})");
        table.AddColumn("method");
        table.AddColumn(new TableColumn("IM score").RightAligned());
        if (withAccuracy) table.AddColumn(new TableColumn("target accuracy").RightAligned());
        table.AddColumn(new TableColumn("seconds").RightAligned());
        table.AddColumn("");
        foreach (var c in result.Candidates)
        {
            var cells = new List<string>
            {
                Markup.Escape(c.Method),
                c.InformationMaximization is { } im ? im.ToString("F4", CultureInfo.InvariantCulture) : "-",
            };
            if (withAccuracy) cells.Add(c.TargetAccuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "-");
            cells.Add(c.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            cells.Add(c.Failed ? Markup.Escape("not used: " + c.Summary) : c.Method == result.Method ? "[green]saved[/]" : "");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        if (result.Candidates.Count > 1)
            console.MarkupLineInterpolated($"Chosen without target labels: {result.Method} (highest IM score = H(mean p) - mean H(p) on the target).{(withAccuracy ? " Target accuracy is shown for reference only." : "")}");
        console.MarkupLineInterpolated($"{result.Chosen.Summary}");
    }
}
