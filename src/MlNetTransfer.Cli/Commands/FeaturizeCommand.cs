using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Writes frozen-backbone embeddings to a CSV; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class FeaturizeCommand(IAnsiConsole console) : Command<FeaturizeSettings>
{
    public override int Execute(CommandContext context, FeaturizeSettings settings, CancellationToken cancellation)
    {
        var rows = ProgressDisplay.Run(console, progress => FeaturizeWorkflow.Run(settings.ToOptions(), progress, cancellation));
        console.MarkupLineInterpolated($"{rows} rows of features written to [green]{Path.GetFullPath(settings.Out)}[/]");
        return ExitCodes.Success;
    }
}
