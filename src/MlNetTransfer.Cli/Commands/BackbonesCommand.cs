using System.Globalization;
using MlNetTransfer.Backbones;
using MlNetTransfer.ClassicalVision;
using MlNetTransfer.Featurizers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Lists the backbone manifests found, and the built-in <c>classical</c> image features; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class BackbonesCommand(IAnsiConsole console) : Command<BackbonesCommand.Settings>
{
    public sealed class Settings : CommandSettings;

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        var catalog = BackboneCatalog.Default;
        var table = new Table().AddColumn("name").AddColumn("kind").AddColumn(new TableColumn("embedding").RightAligned())
            .AddColumn("input").AddColumn(new TableColumn("size").RightAligned()).AddColumn("source").AddColumn("file");
        foreach (var m in catalog.List())
        {
            var size = File.Exists(m.ModelPath) ? $"{new FileInfo(m.ModelPath).Length / 1e6:F1} MB" : "[red]missing[/]";
            table.AddRow(Markup.Escape(m.Name), m.Kind, m.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
                m.Image is null ? "" : $"{m.Image.Width}x{m.Image.Height} {m.Image.ChannelOrder}", size,
                Markup.Escape(m.Source?.Package is null ? "user" : $"{m.Source.Package} {m.Source.Version}"), Markup.Escape(m.ModelPath));
        }
        // The hand-crafted image features take --backbone too, with no ONNX file.
        table.AddRow(ClassicalImagePartProvider.Name, "image", ClassicalImageFeatures.Length.ToString(CultureInfo.InvariantCulture),
            $"{ClassicalImageFeatures.DefaultSize}x{ClassicalImageFeatures.DefaultSize} rgb", "", "built-in, no ONNX",
            "hand-crafted: colour, Sobel, LBP, HOG");
        console.Write(table);
        console.MarkupLineInterpolated($"[grey]searched: {string.Join(", ", catalog.Folders)}[/]");
        return ExitCodes.Success;
    }
}
