using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class FeaturizeSettings : BackboneRunSettings
{
    [CommandOption("--data <PATH>"), Description("A folder of images (class sub-folders give labels) or a CSV with image paths.")]
    public string Data { get; init; } = "";

    [CommandOption("--backbone <NAME_OR_ONNX>"), Description("Backbone name or ONNX path (repeatable; embeddings are concatenated).")]
    public string[] Backbones { get; init; } = [];

    [CommandOption("--out <CSV>"), Description("Where to write path_or_row,label,<embedding slots>…: a .csv, or a .parquet file.")]
    public string Out { get; init; } = "";

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV (default: 'label', any case, if present).")]
    public string? Label { get; init; }

    [CommandOption("--image-column <COLUMN>"), Description("CSV column of image paths (repeatable; default: detected).")]
    public string[] ImageColumns { get; init; } = [];

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Data)) problems.Add("--data is required");
        if (Backbones.Length == 0) problems.Add("--backbone is required");
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out is required");
        if (!Engine.ComputeDevice.TryParse(Device, out _)) problems.Add($"unknown device '{Device}': expected cpu, cuda or cuda:N");
        return Problems.ToValidation(problems);
    }
}
