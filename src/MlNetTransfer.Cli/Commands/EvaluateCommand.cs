using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class EvaluateCommand : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellation)
    {
        var metrics = ProgressDisplay.Run(progress =>
            EvaluateWorkflow.Run(settings.Model, settings.Data, settings.Label, settings.MetricsJson, progress, cancellation,
                MlNetTransfer.Data.BadInputPolicies.Parse(settings.OnBadInput)));
        MetricsTable.Write(metrics, $"metrics of {Path.GetFileName(settings.Model)} on {settings.Data}");
        return ExitCodes.Success;
    }
}
