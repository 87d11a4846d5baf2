using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>subspace-alignment</c> (Fernando, Habrard, Sebban &amp; Tuytelaars 2013, "Unsupervised Visual Domain Adaptation
/// Using Subspace Alignment", ICCV): the k leading principal directions of each domain (exact PCA of the centred rows,
/// <see cref="PrincipalComponents"/>, equal to scikit-learn's <c>PCA</c>), P_s and P_t (d x k, orthonormal columns), and
/// the alignment M = P_sᵀ P_t (k x k). Source map (x − μ_s) · P_s M, target map (x − μ_t) · P_t: both d -> k. The aligned
/// source basis P_s M is the projection of P_s onto the target subspace expressed in the target's coordinates.
/// </summary>
public sealed class SubspaceAlignment : IFeatureAlignment
{
    /// <summary>Subspace alignment with the default <see cref="SubspaceAlignmentOptions"/> (k by the variance rule).</summary>
    public SubspaceAlignment() : this(new SubspaceAlignmentOptions())
    {
    }

    /// <summary>Subspace alignment with <paramref name="options"/>; an <see cref="ArgumentException"/> for options with <see cref="SubspaceAlignmentOptions.Problems"/>.</summary>
    public SubspaceAlignment(SubspaceAlignmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("Subspace alignment options: " + string.Join("; ", problems) + ".", nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public SubspaceAlignmentOptions Options { get; }

    /// <inheritdoc />
    public string Name => Options.Components is { } k ? $"subspace-alignment(k={k})" : "subspace-alignment";

    /// <summary>
    /// Learns both PCA bases and the alignment from <paramref name="source"/> and <paramref name="target"/> (n rows of d
    /// floats each, n ≥ 2). An <see cref="ArgumentException"/> for no rows or rows of different lengths; a
    /// <see cref="UserInputException"/> for a NaN or infinite value, a domain of one row, more components than
    /// min(n_s, n_t, d), or min(n, d) above <see cref="PrincipalComponents.MaxExactSize"/>.
    /// </summary>
    public FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        var d = AlignmentMath.CheckDomains(source, target, "Subspace alignment", minimumRows: 2);
        var limit = Math.Min(Math.Min(source.Count, target.Count), d);
        if (Options.Components is { } asked && asked > limit)
            throw new UserInputException($"Subspace alignment with {asked} components needs at most min(source rows, target rows, features) = {limit} " +
                $"({source.Count} source rows, {target.Count} target rows, {d} features): ask for at most {limit}.");
        var fitted = Options.Components ?? Math.Min(SubspaceAlignmentOptions.MaxDefaultComponents, limit);
        var sourcePca = PrincipalComponents.Fit(source, PcaOptions.Count(fitted));
        var k = Options.Components ?? PrincipalComponents.ComponentsFor(sourcePca.ExplainedVarianceRatio, SubspaceAlignmentOptions.DefaultVarianceFraction);
        var targetPca = PrincipalComponents.Fit(target, PcaOptions.Count(k));

        var ps = Basis(sourcePca, k, d);
        var pt = Basis(targetPca, k, d);
        var alignment = ps.TransposeThisAndMultiply(pt);
        var alignedSource = ps * alignment;
        var sourceMap = new AffineMap(d, shift: AlignmentMath.Floats(sourcePca.Mean), matrix: AlignmentMath.RowMajor(alignedSource));
        var targetMap = new AffineMap(d, shift: AlignmentMath.Floats(targetPca.Mean), matrix: AlignmentMath.RowMajor(pt));
        var sourceShare = sourcePca.ExplainedVarianceRatio.Take(k).Sum();
        var targetShare = targetPca.ExplainedVarianceRatioSum;
        var overlap = alignment.FrobeniusNorm() * alignment.FrobeniusNorm() / k;
        var rule = Options.Components is null
            ? string.Create(CultureInfo.InvariantCulture, $" ({sourceShare:P0} of the source variance)")
            : "";
        return new FittedAlignment(sourceMap, targetMap,
            string.Create(CultureInfo.InvariantCulture,
                $"Subspace alignment with {k} components{rule}: source PCA basis aligned to the target's (subspace overlap {overlap:F2}, mean squared cosine of the principal angles)."),
            [
                new("components", k),
                new("sourceVarianceExplained", sourceShare),
                new("targetVarianceExplained", targetShare),
                new("subspaceOverlap", overlap),
            ]);
    }

    /// <summary>The first <paramref name="k"/> components as the columns of a d x k matrix.</summary>
    private static Matrix<double> Basis(PrincipalComponents pca, int k, int d)
    {
        var basis = Matrix<double>.Build.Dense(d, k);
        for (var c = 0; c < k; c++)
            for (var j = 0; j < d; j++) basis[j, c] = pca.Components[c][j];
        return basis;
    }
}
