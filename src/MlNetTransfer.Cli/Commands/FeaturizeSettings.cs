using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class FeaturizeSettings : BackboneRunSettings
{
    [CommandOption("--data <PATH>"), Description("A folder of images (class sub-folders give labels) or a CSV with image paths.")]
    public string Data { get; init; } = "";

    [CommandOption("--backbone <NAME_OR_ONNX>"), Description("Image backbone name or ONNX path (repeatable; embeddings are concatenated). Default: resnet18.")]
    public string[] Backbones { get; init; } = [];

    [CommandOption("--out <CSV>"), Description("Where to write path_or_row,label,<embedding slots>…: a .csv, or a .parquet file.")]
    public string Out { get; init; } = "";

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV (default: 'label', any case, if present).")]
    public string? Label { get; init; }

    [CommandOption("--image-column <COLUMN>"), Description("CSV column of image paths (repeatable; default: detected).")]
    public string[] ImageColumns { get; init; } = [];

    [CommandOption("--text-column <COLUMN>"), Description("CSV text column (repeatable; default: detected).")]
    public string[] TextColumns { get; init; } = [];

    [CommandOption("--numeric-column <COLUMN>"), Description("CSV numeric column (repeatable; default: detected).")]
    public string[] NumericColumns { get; init; } = [];

    [CommandOption("--text-featurizer <NAME>"), Description(TrainSettings.TextFeaturizerHelp)]
    public string[] TextFeaturizers { get; init; } = [];

    [CommandOption("--on-bad-input <POLICY>"), Description(BadInputHelp.Text), DefaultValue("fail")]
    public string OnBadInput { get; init; } = "fail";

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Data)) problems.Add("--data is required");
        if (string.IsNullOrWhiteSpace(Out)) problems.Add("--out is required");
        if (!Engine.ComputeDevice.TryParse(Device, out _)) problems.Add($"unknown device '{Device}': expected cpu, cuda or cuda:N");
        if (MlNetTransfer.Data.BadInputPolicies.Problem(OnBadInput) is { } badInput) problems.Add(badInput);
        return Problems.ToValidation(problems);
    }
}
