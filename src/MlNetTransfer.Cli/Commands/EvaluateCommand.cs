using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Evaluates a saved model on labelled data; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class EvaluateCommand(IAnsiConsole console) : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellation)
    {
        var metrics = ProgressDisplay.Run(console, progress =>
            EvaluateWorkflow.Evaluate(settings.Model, settings.Data, settings.Label, settings.MetricsJson, progress, cancellation,
                MlNetTransfer.Datasets.BadInputPolicies.Parse(settings.OnBadInput), settings.MaxImagePixels, settings.Plot, settings.Report));
        MetricsTable.Write(console, metrics, $"metrics of {Path.GetFileName(settings.Model)} on {settings.Data}");
        if (settings.Plot is not null)
        {
            console.MarkupLineInterpolated($"plot: {Path.GetFullPath(settings.Plot)}");
            if (metrics is RegressionMetrics)
                console.MarkupLineInterpolated($"residuals: {EvaluateWorkflow.ResidualsPath(settings.Plot)}");
        }
        if (settings.Report is not null) console.MarkupLineInterpolated($"Report written to [green]{Path.Combine(Path.GetFullPath(settings.Report), "report.md")}[/]");
        return ExitCodes.Success;
    }
}
