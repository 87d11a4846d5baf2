using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Settings of commands that featurize data as <c>featurize</c> does: the columns and their featurizers (the data paths are the command's own).</summary>
public class FeatureColumnSettings : BackboneRunSettings
{
    [CommandOption("--ignore-column <COLUMN>"), Description("CSV column to leave out (repeatable), for example an id or a column that gives the label away.")]
    public string[] IgnoreColumns { get; init; } = [];

    [CommandOption("--backbone <NAME_OR_ONNX>"), Description("Image backbone name or ONNX path, or classical (colour, Sobel, LBP and HOG features; no ONNX) (repeatable; embeddings are concatenated). Default: resnet18.")]
    public string[] Backbones { get; init; } = [];

    [CommandOption("--label <COLUMN>"), Description("Label column of a CSV (default: 'label', any case, if present).")]
    public string? Label { get; init; }

    [CommandOption("--image-column <COLUMN>"), Description("CSV column of image paths (repeatable; default: detected).")]
    public string[] ImageColumns { get; init; } = [];

    [CommandOption("--text-column <COLUMN>"), Description("CSV text column (repeatable; default: detected).")]
    public string[] TextColumns { get; init; } = [];

    [CommandOption("--numeric-column <COLUMN>"), Description("CSV numeric column (repeatable; default: detected).")]
    public string[] NumericColumns { get; init; } = [];

    [CommandOption("--categorical-column <COLUMN>"), Description("CSV categorical column, one-hot encoded, slots named <column>=<value> (repeatable; default: detected; a column of numbers such as a zip code only when named).")]
    public string[] CategoricalColumns { get; init; } = [];

    [CommandOption("--text-featurizer <NAME>"), Description(TrainSettings.TextFeaturizerHelp)]
    public string[] TextFeaturizers { get; init; } = [];

    [CommandOption("--series-column <SERIES>"), Description(TrainSettings.SeriesColumnHelp)]
    public string[] SeriesColumns { get; init; } = [];

    [CommandOption("--series-featurizer <NAME>"), Description(TrainSettings.SeriesFeaturizerHelp)]
    public string[] SeriesFeaturizers { get; init; } = [];

    /// <summary>The library's featurize options for these settings on <paramref name="data"/>, writing to <paramref name="output"/>: values parsed here, once (<see cref="BackboneRunSettings.ValueProblems"/> reports those that do not parse).</summary>
    protected FeaturizeOptions ToFeaturizeOptions(string data, string output) => new()
    {
        Data = data,
        Out = output,
        Label = Label,
        ImageColumns = ImageColumns,
        TextColumns = TextColumns,
        NumericColumns = NumericColumns,
        CategoricalColumns = CategoricalColumns,
        IgnoreColumns = IgnoreColumns,
        Separator = ParsedSeparator,
        Backbones = Backbones.Length == 0 ? [MlNetTransfer.Defaults.ImageBackbone] : Backbones,
        TextFeaturizers = TextFeaturizers.Length == 0 ? [MlNetTransfer.Defaults.TextFeaturizer] : TextFeaturizers,
        SeriesColumns = SeriesColumns,
        SeriesFeaturizers = SeriesFeaturizers.Length == 0 ? [MlNetTransfer.Defaults.SeriesFeaturizer] : SeriesFeaturizers,
        CacheDir = EffectiveCacheDir,
        Device = ParsedDevice,
        OnBadInput = ParsedOnBadInput,
        MaxImagePixels = MaxImagePixels,
    };
}
