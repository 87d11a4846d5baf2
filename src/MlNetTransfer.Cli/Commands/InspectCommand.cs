using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Shows what a saved model is made of (task, label column, labels, inputs, feature parts, head, then its ML.NET steps) or an ONNX file's tensors; results go to <paramref name="console"/>.</summary>
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
            console.MarkupLineInterpolated($"[bold]task[/]: {model.Task}");
            console.MarkupLineInterpolated($"[bold]label column[/]: {model.Label}");
            if (model.Labels is { } labels) console.MarkupLineInterpolated($"[bold]labels[/] ({labels.Count}, in score order): {string.Join(", ", labels)}");
            console.MarkupLineInterpolated($"[bold]inputs[/]: {string.Join("; ", model.Inputs)}");
            if (model.Parts.Count > 0)
            {
                console.MarkupLineInterpolated($"[bold]features[/]: {model.FeatureCount} values, from {model.Parts.Count} part(s):");
                var parts = new Table().AddColumn("part").AddColumn("featurizer").AddColumn("reads").AddColumn(new TableColumn("values").RightAligned());
                foreach (var p in model.Parts)
                    parts.AddRow(Markup.Escape(p.Name), Markup.Escape($"{p.Featurizer}: {p.Kind}"), Markup.Escape(string.Join(", ", p.Inputs)),
                        p.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
                console.Write(parts);
            }
            if (model.FeatureSpace is { } space) console.MarkupLineInterpolated($"[bold]feature space[/]: {space}");
            console.MarkupLineInterpolated($"[bold]head[/]: {model.Head ?? "none (no predictor in this pipeline)"}");
            console.MarkupLine("[bold]ML.NET steps[/] (what mlContext.Model.Load recreates):");
            console.Write(new Rows(model.Steps.Select((s, i) => new Spectre.Console.Text($"{i + 1,3}. {s}"))));
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
