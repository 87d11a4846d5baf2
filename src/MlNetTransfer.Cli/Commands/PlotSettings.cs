using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class PlotSettings : FeatureDataSettings
{
    [CommandOption("--out <PNG>"), Description("The picture to write (.png); the coordinates go beside it as .csv (path_or_row,label,x,y[,domain]).")]
    public string Out { get; init; } = "";

    [CommandOption("--target <PATH>"), Description("A second data set with the same columns (another domain): both are mapped together and coloured by domain.")]
    public string? Target { get; init; }

    [CommandOption("--method <METHOD>"), Description("tsne (neighbourhoods kept; scikit-learn's TSNE) or pca (the first two principal components)."), DefaultValue("tsne")]
    public string Method { get; init; } = "tsne";

    [CommandOption("--perplexity <NUMBER>"), Description("t-SNE's perplexity: about how many neighbours each point keeps (below the number of rows)."), DefaultValue(30.0)]
    public double Perplexity { get; init; } = 30;

    [CommandOption("--seed <N>"), Description("Seed of t-SNE's random parts (same seed, same map)."), DefaultValue(0)]
    public int Seed { get; init; }

    private MapMethod? ParsedMethod => Method.ToLowerInvariant() switch
    {
        "tsne" or "t-sne" => MapMethod.Tsne,
        "pca" => MapMethod.Pca,
        _ => null,
    };

    /// <summary>The library's options: values parsed here, once (<see cref="Validate"/> reports those that do not parse).</summary>
    public PlotOptions ToOptions() => new()
    {
        Features = ToFeaturizeOptions(Path.ChangeExtension(Out, ".csv")),
        Out = Out,
        Target = Target,
        Method = ParsedMethod ?? MapMethod.Tsne,
        Perplexity = Perplexity,
        Seed = Seed,
    };

    /// <summary>Every problem at once: values that do not parse, then the library's checks, options named by their flags.</summary>
    public override ValidationResult Validate()
    {
        var problems = new List<string>(ValueProblems());
        if (ParsedMethod is null) problems.Add($"unknown --method '{Method}': expected tsne or pca");
        problems.AddRange(OptionFlags.Describe(ToOptions().Problems()));
        return Problems.ToValidation(problems);
    }
}
