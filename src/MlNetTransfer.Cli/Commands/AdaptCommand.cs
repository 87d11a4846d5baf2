using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Adapts a model from a labeled source to a target domain and saves it as an ML.NET zip; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class AdaptCommand(IAnsiConsole console) : Command<AdaptSettings>
{
    public override int Execute(CommandContext context, AdaptSettings settings, CancellationToken cancellation)
    {
        var result = ProgressDisplay.Run(console, progress => AdaptWorkflow.Run(settings.ToOptions(), progress, cancellation));
        AdaptationTable.Write(console, result);
        if (result.TargetTest is { } metrics)
        {
            console.MarkupLineInterpolated($"Target test: {metrics.Examples} examples, scored with the saved zip.");
            MetricsTable.Write(console, metrics, "target test metrics");
        }
        console.MarkupLineInterpolated($"Model written to [green]{result.ModelPath}[/]");
        if (settings.MetricsJson is not null)
            console.MarkupLineInterpolated($"Metrics written to [green]{Path.GetFullPath(settings.MetricsJson)}[/]");
        return ExitCodes.Success;
    }
}
