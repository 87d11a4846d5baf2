using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class PredictSettings : CommandSettings
{
    [CommandOption("--model <MODEL_ZIP>"), Description("A model zip written by train.")]
    public string Model { get; init; } = "";

    [CommandOption("--input <IMAGE_OR_TEXT>"), Description("One input: an image path (image model) or a text (text model), taken whole (\"-1 stars, awful\" works); a value that looks like an option (--help, -h) is written --input=<value>.")]
    public string? Input { get; init; }

    [CommandOption("--data <PATH>"), Description("Many inputs: a folder of images (class sub-folders optional) or a CSV.")]
    public string? Data { get; init; }

    [CommandOption("--out <CSV>"), Description("Where --data predictions go: path_or_row,predicted,score_<label>… (a regression model: path_or_row,predicted, the number).")]
    public string? Out { get; init; }

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV, if it has one (it is ignored for prediction).")]
    public string? Label { get; init; }

    [CommandOption("--on-bad-input <POLICY>"), Description(BadInputHelp.Predict), DefaultValue("fail")]
    public string OnBadInput { get; init; } = "fail";

    [CommandOption("--max-image-pixels <PIXELS>"), Description("Refuse images whose header announces more pixels (width x height) than this, before decoding: a bad input (see --on-bad-input)."), DefaultValue(MlNetTransfer.Defaults.MaxImagePixels)]
    public long MaxImagePixels { get; init; } = MlNetTransfer.Defaults.MaxImagePixels;

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model)) problems.Add("--model is required");
        if ((Input is null) == (Data is null)) problems.Add("give exactly one of --input and --data");
        if (Data is not null && string.IsNullOrWhiteSpace(Out)) problems.Add("--data needs --out <predictions.csv>");
        if (MlNetTransfer.Datasets.BadInputPolicies.Problem(OnBadInput) is { } badInput) problems.Add(badInput);
        if (MaxImagePixels <= 0) problems.Add($"--max-image-pixels must be positive (got {MaxImagePixels})");
        return Problems.ToValidation(problems);
    }
}
