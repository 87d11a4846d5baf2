using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class TrainCommand : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var result = ProgressDisplay.Run(progress => TrainWorkflow.Run(settings.ToOptions(), progress, cancellation));
        MetricsTable.Write(result.Metrics, $"test metrics ({result.TrainExamples} training, {result.TestExamples} test examples)");
        AnsiConsole.MarkupLineInterpolated($"Model written to [green]{result.ModelPath}[/]");
        if (settings.MetricsJson is not null)
            AnsiConsole.MarkupLineInterpolated($"Metrics written to [green]{Path.GetFullPath(settings.MetricsJson)}[/]");
        return ExitCodes.Success;
    }
}
