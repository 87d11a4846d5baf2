using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class EvaluateSettings : CommandSettings
{
    [CommandOption("--model <MODEL_ZIP>"), Description("A model zip written by train.")]
    public string Model { get; init; } = "";

    [CommandOption("--data <PATH>"), Description("Labelled data: a class-folder tree or a CSV.")]
    public string Data { get; init; } = "";

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV (default: the column the model was trained with, recorded in the zip; for a zip without that record, 'label', any case). Not used for a class-folder tree.")]
    public string? Label { get; init; }

    [CommandOption("--metrics-json <FILE>"), Description("Write the metrics as JSON.")]
    public string? MetricsJson { get; init; }

    [CommandOption("--plot <PNG>"), Description("Draw the evaluation: a classifier's confusion matrix; for a regression model, predicted vs actual here and the residuals' histogram beside it (<name>-residuals.png).")]
    public string? Plot { get; init; }

    [CommandOption("--report <DIR>"), Description("Write report.md with pictures (data summary, metrics, per-class scores, confusion matrix or regression plots, embedding map, time by stage) into this folder.")]
    public string? Report { get; init; }

    [CommandOption("--on-bad-input <POLICY>"), Description(BadInputHelp.Evaluate), DefaultValue("fail")]
    public string OnBadInput { get; init; } = "fail";

    [CommandOption("--max-image-pixels <PIXELS>"), Description("Refuse images whose header announces more pixels (width x height) than this, before decoding: a bad input (see --on-bad-input)."), DefaultValue(MlNetTransfer.Defaults.MaxImagePixels)]
    public long MaxImagePixels { get; init; } = MlNetTransfer.Defaults.MaxImagePixels;

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model)) problems.Add("--model is required");
        if (string.IsNullOrWhiteSpace(Data)) problems.Add("--data is required");
        if (MlNetTransfer.Datasets.BadInputPolicies.Problem(OnBadInput) is { } badInput) problems.Add(badInput);
        if (MaxImagePixels <= 0) problems.Add($"--max-image-pixels must be positive (got {MaxImagePixels})");
        return Problems.ToValidation(problems);
    }
}
