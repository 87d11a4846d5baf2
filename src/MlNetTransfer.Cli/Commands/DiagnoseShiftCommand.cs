using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Measures how far apart two domains are and says whether adapting is likely to help; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class DiagnoseShiftCommand(IAnsiConsole console) : Command<DiagnoseShiftSettings>
{
    public override int Execute(CommandContext context, DiagnoseShiftSettings settings, CancellationToken cancellation)
    {
        var result = ProgressDisplay.Run(console, progress => DiagnoseShiftWorkflow.Run(settings.ToOptions(), progress, cancellation));
        ShiftTable.Write(console, result);
        if (result.Picture is not null) console.MarkupLineInterpolated($"Map of both domains written to [green]{result.Picture}[/]");
        if (settings.MetricsJson is not null)
            console.MarkupLineInterpolated($"Measurements written to [green]{Path.GetFullPath(settings.MetricsJson)}[/]");
        return ExitCodes.Success;
    }
}
