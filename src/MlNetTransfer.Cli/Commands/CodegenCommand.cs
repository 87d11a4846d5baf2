using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Writes a C# project that predicts with a saved model; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class CodegenCommand(IAnsiConsole console) : Command<CodegenSettings>
{
    public override int Execute(CommandContext context, CodegenSettings settings, CancellationToken cancellation)
    {
        var result = CodegenWorkflow.Run(settings.ToOptions());
        var kind = result.Kind == CodegenKind.WebApi ? "web API" : "console app";
        console.MarkupLineInterpolated($"A {kind} project written to [green]{result.Folder}[/] ({result.Files.Count} files; inputs: {string.Join(", ", result.Inputs.Select(i => i.Column))})");
        if (result.NeedsLibrary) console.MarkupLine("The model needs MlNetTransfer's custom mappings to load: its DLLs were copied to lib/ (see the project's README.md).");
        console.MarkupLineInterpolated($"Next: cd {result.Folder} && dotnet run{(result.Kind == CodegenKind.WebApi ? "" : " -- <values>")} (README.md says what to give)");
        return ExitCodes.Success;
    }
}
