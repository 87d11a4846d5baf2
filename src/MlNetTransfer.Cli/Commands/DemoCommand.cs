using System.ComponentModel;
using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class DemoCommand : Command<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out-dir <DIR>"), Description("Where the demo writes its model and metrics."), DefaultValue("artifacts/demo")]
        public string OutDir { get; init; } = "artifacts/demo";

        [CommandOption("--trainer <TRAINER>"), Description("Head: lr, fasttree or mlp."), DefaultValue("lr")]
        public string Trainer { get; init; } = "lr";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var demo = DemoWorkflow.Locate();
        AnsiConsole.MarkupLineInterpolated($"[bold]Demo:[/] frozen ResNet18 + {settings.Trainer} on Fashion-MNIST ({demo.Train} -> {demo.Test})");
        var result = ProgressDisplay.Run(progress => DemoWorkflow.Run(demo, settings.OutDir, settings.Trainer, progress, cancellation));
        MetricsTable.Write(result.Train.Metrics, $"test metrics after training ({result.Train.TrainExamples} training images)");
        AnsiConsole.MarkupLineInterpolated($"Model: [green]{result.Train.ModelPath}[/]");
        var same = result.Reloaded.HasSameOutcomeAs(result.Train.Metrics);
        AnsiConsole.MarkupLineInterpolated(
            $"Reloaded with mlContext.Model.Load and evaluated row by row: accuracy {result.Reloaded.Accuracy:F4} (training run: {result.Train.Metrics.Accuracy:F4})");
        AnsiConsole.MarkupLine(same ? "[green]The saved model reproduces the training run's test metrics.[/]" : "[red]The saved model's metrics differ from the training run's.[/]");
        AnsiConsole.MarkupLineInterpolated($"Next: mlnet-transfer predict --model {result.Train.ModelPath} --input {result.SampleImage}");
        return ExitCodes.Success;
    }
}
