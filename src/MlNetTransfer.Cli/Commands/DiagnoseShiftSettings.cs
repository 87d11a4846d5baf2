using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class DiagnoseShiftSettings : FeatureColumnSettings
{
    [CommandOption("--source <PATH>"), Description("Source data: a folder of images (flat or class sub-folders) or a CSV; labels are not needed.")]
    public string Source { get; init; } = "";

    [CommandOption("--target <PATH>"), Description("Target data with the source's columns.")]
    public string Target { get; init; } = "";

    [CommandOption("--out <PNG>"), Description("Draw both domains in 2-D, coloured by domain (.png).")]
    public string? Out { get; init; }

    [CommandOption("--method <METHOD>"), Description("How --out maps the features to 2-D: pca (default) or tsne."), DefaultValue("pca")]
    public string Method { get; init; } = "pca";

    [CommandOption("--metrics-json <FILE>"), Description("Write the measurements and the verdict as JSON.")]
    public string? MetricsJson { get; init; }

    [CommandOption("--seed <N>"), Description("Random seed (folds, subsamples, permutations)."), DefaultValue(0)]
    public int Seed { get; init; }

    private MapMethod? ParsedMethod => Method.ToLowerInvariant() switch
    {
        "tsne" or "t-sne" => MapMethod.Tsne,
        "pca" => MapMethod.Pca,
        _ => null,
    };

    /// <summary>The library's options: values parsed here, once (<see cref="Validate"/> reports those that do not parse).</summary>
    public DiagnoseShiftOptions ToOptions() => new()
    {
        Features = ToFeaturizeOptions(Source, Out ?? MetricsJson ?? "diagnose-shift.csv"),
        Target = Target,
        Out = Out,
        Method = ParsedMethod ?? MapMethod.Pca,
        MetricsJson = MetricsJson,
        Seed = Seed,
    };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate()
    {
        var problems = new List<string>(ValueProblems());
        if (ParsedMethod is null) problems.Add($"unknown --method '{Method}': expected pca or tsne");
        problems.AddRange(OptionFlags.Describe(ToOptions().Problems()));
        return Problems.ToValidation(problems);
    }
}
