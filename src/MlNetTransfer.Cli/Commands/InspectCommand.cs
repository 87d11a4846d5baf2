using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Shows an ONNX file's tensors or a saved model's steps; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class InspectCommand(IAnsiConsole console) : Command<InspectCommand.Settings>
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
            console.MarkupLineInterpolated($"[bold]{model.Path}[/]");
            console.Write(new Rows(model.Steps.Select((s, i) => new Spectre.Console.Text($"{i + 1,3}. {s}"))));
            console.MarkupLine("[bold]input columns[/]");
            foreach (var c in model.InputColumns) console.WriteLine("  " + c);
            console.MarkupLine("[bold]output columns[/]");
            foreach (var c in model.OutputColumns) console.WriteLine("  " + c);
            return ExitCodes.Success;
        }
        var onnx = InspectWorkflow.Onnx(settings.File);
        console.MarkupLineInterpolated($"[bold]{onnx.Path}[/]");
        foreach (var t in onnx.Inputs) console.WriteLine($"  input   {t}");
        foreach (var t in onnx.Outputs) console.WriteLine($"  output  {t}");
        if (onnx.ExistingManifestPath is not null)
            console.MarkupLineInterpolated($"Its manifest, {onnx.ExistingManifestPath}:");
        else if (onnx.IsTextDraft)
            console.MarkupLineInterpolated($"A text manifest to start from ({Path.ChangeExtension(onnx.Path, ".json")}; the input is token ids); check the vocabulary, the pooling and whether the graph already pools and normalises:");
        else
            console.MarkupLineInterpolated($"A manifest to start from ({Path.ChangeExtension(onnx.Path, ".json")}); check the image preprocessing:");
        console.WriteLine(onnx.ManifestTemplate);
        return ExitCodes.Success;
    }
}
