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

    [CommandOption("--shard <I/N>"), Description("Featurize only shard I of N (I from 0 to N-1) of the inputs, chosen by content hash, into --out (.parquet); a re-run resumes. Run one per machine (Kubernetes Indexed Job, Slurm array), then 'train --features <folder>'.")]
    public string? Shard { get; init; }

    [CommandOption("--quantize <PRECISION>"), Description(QuantizeFlag.Help)]
    public string? Quantize { get; init; }

    [CommandOption("--calibration-images <N>"), Description(QuantizeFlag.CalibrationHelp)]
    public int? CalibrationImages { get; init; }

    /// <summary>The library's options: values parsed here, once (<see cref="Validate"/> reports those that do not parse).</summary>
    public FeaturizeOptions ToOptions() => ToFeaturizeOptions(Out) with
    {
        FeatureSpace = PcaFlag.ToTransform(Pca),
        Shard = Shard is not null && ShardSpec.Problem(Shard) is null ? ShardSpec.Parse(Shard) : null,
        Quantize = QuantizeFlag.Parse(Quantize, CalibrationImages),
    };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate() => Problems.ToValidation([
        .. ValueProblems(), .. PcaFlag.Problems(Pca), .. QuantizeFlag.Problems(Quantize, CalibrationImages),
        .. Shard is not null && ShardSpec.Problem(Shard) is { } shard ? [$"--shard {shard}"] : Array.Empty<string>(),
        .. OptionFlags.Describe(ToOptions().Problems())]);
}
