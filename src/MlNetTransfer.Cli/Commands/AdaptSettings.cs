using System.ComponentModel;
using MlNetTransfer.DomainAdaptation;
using Alignment = MlNetTransfer.DomainAdaptation.InputAlignment;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class AdaptSettings : FeatureColumnSettings
{
    [CommandOption("--source <PATH>"), Description("Labeled source data: a folder with one sub-folder per class, or a CSV with a label column.")]
    public string Source { get; init; } = "";

    [CommandOption("--target <PATH>"), Description("Target-domain data the model will predict on: a flat folder of images, a class-folder tree or a CSV with the source's columns. Its labels, if any, are never fitted on: only reported.")]
    public string Target { get; init; } = "";

    [CommandOption("--out <MODEL_ZIP>"), Description("Where to write the model zip (it predicts on target-domain inputs).")]
    public string Out { get; init; } = "";

    [CommandOption("--method <METHOD>"), Description("auto (default: every method but dann, keeping the one with the highest information-maximisation score on the target), none, mean-std, coral, subspace-alignment, dann, self-training, co-training or few-shot (needs --target-labeled)."), DefaultValue(AdaptationMethods.Auto)]
    public string Method { get; init; } = AdaptationMethods.Auto;

    [CommandOption("--target-labeled <PATH>"), Description("A few labeled target examples (same form as --source) for few-shot adaptation; auto then also tries few-shot.")]
    public string? TargetLabeled { get; init; }

    [CommandOption("--target-test <PATH>"), Description("Labeled target data evaluated with the saved zip; its metrics go to --metrics-json as train writes them.")]
    public string? TargetTest { get; init; }

    [CommandOption("--input-alignment <ALIGNMENT>"), Description("Images: how source images are aligned to the target's before the backbone: auto (default: none, crop-pad and crop-pad-resample are tried and the one a domain classifier separates least from the target is kept), none, crop-pad (crop to the content, pad to a square) or crop-pad-resample (and resample to the target's median size)."), DefaultValue("auto")]
    public string InputAlignment { get; init; } = "auto";

    [CommandOption("--trainer <TRAINER>"), Description("Head trained on the adapted features: lr (default), fasttree, lightgbm or mlp (dann trains its own network).")]
    public string? Trainer { get; init; }

    [CommandOption("--seed <N>"), Description("Random seed."), DefaultValue(0)]
    public int Seed { get; init; }

    [CommandOption("--metrics-json <FILE>"), Description("Write the target test's metrics and every candidate's scores as JSON.")]
    public string? MetricsJson { get; init; }

    private static readonly Dictionary<string, Alignment?> InputAlignments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = null,
        ["none"] = Alignment.None,
        ["crop-pad"] = Alignment.CropPad,
        ["crop-pad-resample"] = Alignment.CropPadResample,
    };

    private Alignment? ParsedInputAlignment => InputAlignments.GetValueOrDefault(InputAlignment.Trim());

    /// <summary>The library's options: values parsed here, once (<see cref="Validate"/> reports those that do not parse).</summary>
    public AdaptOptions ToOptions() => new()
    {
        Features = ToFeaturizeOptions(Source, Out),
        Target = Target,
        TargetLabeled = TargetLabeled,
        TargetTest = TargetTest,
        Out = Out,
        Method = Method.Trim().ToLowerInvariant(),
        InputAlignment = ParsedInputAlignment,
        Trainer = HeadRegistry.Default.Find(Trainer ?? MlNetTransfer.Defaults.Trainer) ?? HeadRegistry.Default.Get(MlNetTransfer.Defaults.Trainer),
        MetricsJson = MetricsJson,
        Seed = Seed,
    };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate()
    {
        var problems = new List<string>(ValueProblems());
        if (!InputAlignments.ContainsKey(InputAlignment.Trim()))
            problems.Add($"unknown --input-alignment '{InputAlignment}': expected {string.Join(", ", InputAlignments.Keys)}");
        if (Trainer is not null && HeadRegistry.Default.Find(Trainer) is null)
            problems.Add($"unknown trainer '{Trainer}': expected one of {string.Join(", ", HeadRegistry.Default.Names)}");
        problems.AddRange(OptionFlags.Describe(ToOptions().Problems()));
        return Problems.ToValidation(problems);
    }
}
