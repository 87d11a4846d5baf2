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
        var result = ProgressDisplay.Run(console, progress => FeaturizeWorkflow.Featurize(settings.ToOptions(), progress, cancellation));
        if (result.AlreadyComplete)
            console.MarkupLineInterpolated($"[green]{result.Path}[/] already holds shard {result.Shard?.ToString()}'s {result.Rows} rows of features by this featurizer: nothing written");
        else
            console.MarkupLineInterpolated($"{result.Rows} rows of features written to [green]{result.Path}[/]");
        return ExitCodes.Success;
    }
}
