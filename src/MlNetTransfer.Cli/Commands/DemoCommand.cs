using System.ComponentModel;
using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Trains and evaluates on the shipped Fashion-MNIST subset, then reloads the saved zip; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class DemoCommand(IAnsiConsole console) : Command<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out-dir <DIR>"), Description("Where the demo writes its model and metrics."), DefaultValue("artifacts/demo")]
        public string OutDir { get; init; } = "artifacts/demo";

        [CommandOption("--trainer <TRAINER>"), Description("Head: lr, fasttree, lightgbm or mlp."), DefaultValue(MlNetTransfer.Defaults.Trainer)]
        public string Trainer { get; init; } = MlNetTransfer.Defaults.Trainer;

        /// <summary>An unknown trainer fails before anything runs, worded as train's.</summary>
        public override ValidationResult Validate() =>
            Problems.ToValidation(HeadRegistry.Default.Problem(Trainer) is { } problem ? [problem] : []);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var demo = DemoWorkflow.Locate();
        console.MarkupLineInterpolated($"[bold]Demo:[/] frozen ResNet18 + {settings.Trainer} on Fashion-MNIST ({demo.Train} -> {demo.Test})");
        var result = ProgressDisplay.Run(console, progress => DemoWorkflow.Run(demo, settings.OutDir, settings.Trainer, progress, cancellation));
        MetricsTable.Write(console, result.Train.Metrics, $"test metrics after training ({result.Train.TrainExamples} training images)");
        console.MarkupLineInterpolated($"Model: [green]{result.Train.ModelPath}[/]");
        var same = result.Reloaded.HasSameOutcomeAs(result.Train.Metrics);
        console.MarkupLineInterpolated(
            $"Reloaded with mlContext.Model.Load and evaluated row by row: accuracy {result.Reloaded.Accuracy:F4} (training run: {result.Train.Metrics.Accuracy:F4})");
        console.MarkupLine(same ? "[green]The saved model reproduces the training run's test metrics.[/]" : "[red]The saved model's metrics differ from the training run's.[/]");
        console.MarkupLineInterpolated($"Next: mlnet-transfer predict --model {result.Train.ModelPath} --input {result.SampleImage}");
        return ExitCodes.Success;
    }
}
