using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Commands;

/// <summary>The CLI's flag for each property of the library's options records, so library problems read as CLI ones.</summary>
public static class OptionFlags
{
    private static readonly IReadOnlyDictionary<string, string> Flags = new Dictionary<string, string>
    {
        [nameof(TrainOptions.Backbones)] = "--backbone",
        [nameof(TrainOptions.TextFeaturizers)] = "--text-featurizer",
        [nameof(TrainOptions.ImageColumns)] = "--image-column",
        [nameof(TrainOptions.TextColumns)] = "--text-column",
        [nameof(TrainOptions.NumericColumns)] = "--numeric-column",
        [nameof(TrainOptions.CategoricalColumns)] = "--categorical-column",
        [nameof(TrainOptions.SeriesColumns)] = "--series-column",
        [nameof(TrainOptions.SeriesFeaturizers)] = "--series-featurizer",
        [nameof(TrainOptions.IgnoreColumns)] = "--ignore-column",
        [nameof(TrainOptions.Trainer)] = "--trainer",
        [nameof(TrainOptions.RegressionTrainer)] = "--trainer",
        [nameof(TrainOptions.Search)] = "--trainer auto",
        [nameof(TrainOptions.BackboneLearningRate)] = "--backbone-lr",
    };

    /// <summary>The flag of a property: listed above, else the property in kebab case (<c>TestFraction</c> -> <c>--test-fraction</c>).</summary>
    public static string Of(string property) => Flags.TryGetValue(property, out var flag)
        ? flag
        : "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Each problem as a phrase naming its flag.</summary>
    public static IEnumerable<string> Describe(IEnumerable<OptionProblem> problems) => problems.Select(p => p.Describe(Of(p.Option)));
}
