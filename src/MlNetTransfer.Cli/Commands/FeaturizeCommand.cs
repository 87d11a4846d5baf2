using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class FeaturizeCommand : Command<FeaturizeSettings>
{
    public override int Execute(CommandContext context, FeaturizeSettings settings, CancellationToken cancellation)
    {
        var rows = ProgressDisplay.Run(progress => FeaturizeWorkflow.Run(settings.ToOptions(), progress, cancellation));
        AnsiConsole.MarkupLineInterpolated($"{rows} rows of features written to [green]{Path.GetFullPath(settings.Out)}[/]");
        return ExitCodes.Success;
    }
}
