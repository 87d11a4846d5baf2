using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Draws a 2-D map (t-SNE or PCA) of a data set's features; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class PlotCommand(IAnsiConsole console) : Command<PlotSettings>
{
    public override int Execute(CommandContext context, PlotSettings settings, CancellationToken cancellation)
    {
        var result = ProgressDisplay.Run(console, progress => PlotWorkflow.Run(settings.ToOptions(), progress, cancellation));
        console.MarkupLineInterpolated($"Map of {result.Points} points ({string.Join(", ", result.Groups)}) written to [green]{result.Picture}[/]");
        console.MarkupLineInterpolated($"Coordinates written to [green]{result.Coordinates}[/]");
        return ExitCodes.Success;
    }
}
