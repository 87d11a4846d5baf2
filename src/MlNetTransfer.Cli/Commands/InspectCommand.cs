using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class InspectCommand : Command<InspectCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>"), Description("An ONNX file or a model zip.")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        if (settings.File.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var model = InspectWorkflow.Model(settings.File);
            AnsiConsole.MarkupLineInterpolated($"[bold]{model.Path}[/]");
            AnsiConsole.Write(new Rows(model.Steps.Select((s, i) => new Spectre.Console.Text($"{i + 1,3}. {s}"))));
            AnsiConsole.MarkupLine("[bold]input columns[/]");
            foreach (var c in model.InputColumns) AnsiConsole.WriteLine("  " + c);
            AnsiConsole.MarkupLine("[bold]output columns[/]");
            foreach (var c in model.OutputColumns) AnsiConsole.WriteLine("  " + c);
            return ExitCodes.Success;
        }
        var onnx = InspectWorkflow.Onnx(settings.File);
        AnsiConsole.MarkupLineInterpolated($"[bold]{onnx.Path}[/]");
        foreach (var t in onnx.Inputs) AnsiConsole.WriteLine($"  input   {t}");
        foreach (var t in onnx.Outputs) AnsiConsole.WriteLine($"  output  {t}");
        AnsiConsole.MarkupLineInterpolated($"A manifest to start from ({Path.ChangeExtension(onnx.Path, ".json")}); check the image preprocessing:");
        AnsiConsole.WriteLine(onnx.ManifestTemplate);
        return ExitCodes.Success;
    }
}
