using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class FeaturizeSettings : FeatureDataSettings
{
    [CommandOption("--out <CSV>"), Description("Where to write path_or_row,label,<embedding slots>…: a .csv, or a .parquet file.")]
    public string Out { get; init; } = "";

    [CommandOption("--pca <K_OR_FRACTION>"), Description(PcaFlag.Help)]
    public string? Pca { get; init; }

    /// <summary>The library's options: values parsed here, once (<see cref="Validate"/> reports those that do not parse).</summary>
    public FeaturizeOptions ToOptions() => ToFeaturizeOptions(Out) with { FeatureSpace = PcaFlag.ToTransform(Pca) };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate() => Problems.ToValidation([.. ValueProblems(), .. PcaFlag.Problems(Pca), .. OptionFlags.Describe(ToOptions().Problems())]);
}
