using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class CodegenSettings : CommandSettings
{
    [CommandOption("--model <MODEL_ZIP>"), Description("A model zip written by train (or any ML.NET classifier or regression zip).")]
    public string Model { get; init; } = "";

    [CommandOption("--out <FOLDER>"), Description("Where to write the project: a new or empty folder (one that holds files needs --force).")]
    public string Out { get; init; } = "";

    [CommandOption("--kind <KIND>"), Description("console: an app predicting one example given on its command line; webapi: an ASP.NET Core API with POST /predict."), DefaultValue("console")]
    public string Kind { get; init; } = "console";

    [CommandOption("--force"), Description("Write into a folder that already holds files: the generated files are replaced, other files stay.")]
    public bool Force { get; init; }

    /// <summary>The kind named by <see cref="Kind"/>, or null when it names none.</summary>
    private CodegenKind? ParsedKind => Kind.Trim().ToLowerInvariant() switch
    {
        "console" => CodegenKind.Console,
        "webapi" => CodegenKind.WebApi,
        _ => null,
    };

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model)) problems.Add("--model is required");
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out is required");
        if (ParsedKind is null) problems.Add($"--kind must be console or webapi; got '{Kind}'");
        if (problems.Count == 0) problems.AddRange(OptionFlags.Describe(ToOptions().Problems()));
        return Problems.ToValidation(problems);
    }

    /// <summary>The library's options (after <see cref="Validate"/>).</summary>
    public CodegenOptions ToOptions() => new() { Model = Model, Out = Out, Kind = ParsedKind ?? CodegenKind.Console, Force = Force };
}
