using System.Globalization;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>mean-std</c>: per-domain standardisation. Each domain is centred and scaled with its own statistics, source rows
/// by (x − μ_s) / σ_s and target rows by (x − μ_t) / σ_t, so both mapped domains have mean 0 and standard deviation 1 in
/// every feature (first and second moments per feature aligned; correlations left as they are). σ is the population
/// standard deviation (divided by n), floored at 1e-3 times the median of the domain's non-zero standard deviations so
/// that a (nearly) constant feature is not multiplied by a huge number (a domain whose features are all constant is only
/// centred). The target's μ_t and σ_t are saved in the zip.
/// </summary>
public sealed class MeanStdAlignment : IFeatureAlignment
{
    /// <inheritdoc />
    public string Name => "mean-std";

    /// <summary>
    /// Learns each domain's per-feature mean and standard deviation from <paramref name="source"/> and
    /// <paramref name="target"/> (n rows of d floats each, n ≥ 2). An <see cref="ArgumentException"/> for no rows or rows
    /// of different lengths; a <see cref="UserInputException"/> for a NaN or infinite value or a domain of one row.
    /// </summary>
    public FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        var d = AlignmentMath.CheckDomains(source, target, "mean-std alignment", minimumRows: 2);
        var (sourceMap, sourceFloored) = Standardization(source, d);
        var (targetMap, targetFloored) = Standardization(target, d);
        var floored = sourceFloored + targetFloored;
        var summary = "Per-domain standardisation: source and target features each centred and scaled to standard deviation 1 with their own statistics" +
            (floored > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({floored} near-constant features held at the std floor).") : ".");
        return new FittedAlignment(sourceMap, targetMap, summary,
        [
            new("features", d),
            new("flooredFeatures", floored),
        ]);
    }

    /// <summary>The map (x − μ) / max(σ, floor) of one domain, and how many features were held at the floor.</summary>
    internal static (AffineMap Map, int Floored) Standardization(IReadOnlyList<float[]> rows, int d)
    {
        var mean = AlignmentMath.Mean(rows, d);
        var std = AlignmentMath.Std(rows, mean);
        var floored = AlignmentMath.Floored(std);
        var count = Enumerable.Range(0, d).Count(j => floored[j] != std[j]);
        return (new AffineMap(d, shift: AlignmentMath.Floats(mean), scale: floored.Select(s => (float)(1 / s)).ToArray()), count);
    }
}
