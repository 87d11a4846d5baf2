using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Trains a model and saves it as an ML.NET zip; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellation)
    {
        var result = ProgressDisplay.Run(console, progress => TrainWorkflow.Run(settings.ToOptions(), progress, cancellation));
        if (result.Search is { } search) LeaderboardTable.Write(console, search);
        MetricsTable.Write(console, result.TestMetrics, $"test metrics ({result.TrainExamples} training, {result.TestExamples} test examples)");
        if (result.FeatureSpace is { } space) console.MarkupLineInterpolated($"{space.Summary}");
        console.MarkupLineInterpolated($"Model written to [green]{result.ModelPath}[/]");
        if (settings.MetricsJson is not null)
            console.MarkupLineInterpolated($"Metrics written to [green]{Path.GetFullPath(settings.MetricsJson)}[/]");
        if (result.ReportPath is not null) console.MarkupLineInterpolated($"Report written to [green]{result.ReportPath}[/]");
        return ExitCodes.Success;
    }
}
