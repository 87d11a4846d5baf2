using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Cli.Commands;

/// <summary><c>--pca &lt;K_OR_FRACTION&gt;</c> of train and featurize: its help, its problems, and the feature-space step it asks for.</summary>
internal static class PcaFlag
{
    /// <summary>The option's description.</summary>
    public const string Help = "Exact PCA on the features (as scikit-learn's PCA): a number of components (32) or the share of the variance to keep (0.95: the fewest components explaining more). train saves it in the zip before the head; the run prints the components kept and the variance explained (and writes them as \"pca\" in --metrics-json).";

    /// <summary>The value's problem, worded with the flag; none when the option is absent or fine. A count above the features' size is found when the features are known.</summary>
    public static IEnumerable<string> Problems(string? value)
    {
        if (value is not null && !PcaOptions.TryParse(value, out _, out var problem)) yield return $"--pca: {problem}";
    }

    /// <summary>The step <paramref name="value"/> asks for; null when absent or when it does not parse (<see cref="Problems"/> reports it).</summary>
    public static IFeatureSpaceTransform? ToTransform(string? value) =>
        value is not null && PcaOptions.TryParse(value, out var options, out _) ? new PcaFeatureSpaceTransform(options!) : null;
}
