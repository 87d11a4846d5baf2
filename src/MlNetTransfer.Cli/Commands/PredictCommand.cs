using System.Globalization;
using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Predicts one input, or every input of a dataset into a CSV; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class PredictCommand(IAnsiConsole console) : Command<PredictSettings>
{
    public override int Execute(CommandContext context, PredictSettings settings, CancellationToken cancellation)
    {
        if (settings.Input is not null)
        {
            var (labels, prediction) = PredictWorkflow.One(settings.Model, settings.Input, settings.MaxImagePixels);
            console.MarkupLineInterpolated($"predicted: [green]{prediction.Predicted}[/]");
            if (labels.Count == 0) return ExitCodes.Success; // a regression model: the number is the prediction
            var table = new Table().AddColumn("label").AddColumn(new TableColumn("probability").RightAligned());
            foreach (var (label, p) in labels.Zip(prediction.Probabilities).OrderByDescending(x => x.Second))
                table.AddRow(Markup.Escape(label), p.ToString("F4", CultureInfo.InvariantCulture));
            console.Write(table);
            return ExitCodes.Success;
        }
        var written = ProgressDisplay.Run(console, progress =>
            PredictWorkflow.Write(settings.Model, settings.Data!, settings.Out!, settings.Label, progress, cancellation,
                MlNetTransfer.Datasets.BadInputPolicies.Parse(settings.OnBadInput), settings.MaxImagePixels));
        if (written.UnreadableRows == 0)
            console.MarkupLineInterpolated($"{written.Predictions.Count} predictions written to [green]{written.Path}[/]");
        else
            console.MarkupLineInterpolated(
                $"{written.Rows} rows written to [green]{written.Path}[/]: {written.Predictions.Count} predictions and {written.UnreadableRows} unreadable input(s), with an empty prediction and the problem in the error column");
        return ExitCodes.Success;
    }
}
