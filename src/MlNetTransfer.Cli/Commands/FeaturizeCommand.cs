using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Data;
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
        var options = new DatasetOptions
        {
            LabelColumn = settings.Label,
            ImageColumns = settings.ImageColumns,
            TextColumns = settings.TextColumns,
            NumericColumns = settings.NumericColumns,
        };
        var rows = ProgressDisplay.Run(console, progress =>
            FeaturizeWorkflow.Run(settings.Data, settings.Backbones.Length == 0 ? ["resnet18"] : settings.Backbones, settings.Out, options,
                progress, cancellation, settings.EffectiveCacheDir, settings.Device, settings.TextFeaturizers.Length == 0 ? null : settings.TextFeaturizers,
                BadInputPolicies.Parse(settings.OnBadInput)));
        console.MarkupLineInterpolated($"{rows} rows of features written to [green]{Path.GetFullPath(settings.Out)}[/]");
        return ExitCodes.Success;
    }
}
