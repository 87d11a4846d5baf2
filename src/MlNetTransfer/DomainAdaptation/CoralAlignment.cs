using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>coral</c>: CORrelation ALignment (Sun, Feng &amp; Saenko 2016, "Return of Frustratingly Easy Domain Adaptation",
/// AAAI): source rows are whitened with (C_s + λI)^−½ and re-coloured with (C_t + λI)^½, so their covariance becomes the
/// target's: with A = (C_s + λI)^−½ (C_t + λI)^½, Aᵀ (C_s + λI) A = C_t + λI exactly.
/// <para>
/// With <see cref="CoralOptions.Standardize"/> (the default) both domains are first standardised with their own
/// statistics (per-domain z-score, as <see cref="MeanStdAlignment"/>, population std with the same floor) and C_s, C_t are
/// the covariances of the standardised rows (near-correlation matrices), so λ is on a unit-variance scale whatever the
/// features' raw scale: source map ((x − μ_s) / σ_s) · A, target map (x − μ_t) / σ_t. Without it, the paper's formula on
/// the raw features: source map (x − μ_s) · A + μ_t (the source re-centred on the target mean), target map the identity.
/// </para>
/// Covariances are sample covariances (n − 1, numpy's <c>np.cov</c>); the square roots come from symmetric
/// eigen-decompositions in double (MathNet.Numerics), equal to <c>scipy.linalg.sqrtm</c> (tested). The d x d
/// decompositions cost O(d³), so d above 4096 is refused.
/// </summary>
public sealed class CoralAlignment : IFeatureAlignment
{
    /// <summary>The largest d CORAL accepts (two d x d eigen-decompositions, cubic in d).</summary>
    public const int MaxFeatures = AdaptationData.MaxDenseFeatures;

    /// <summary>CORAL with the default <see cref="CoralOptions"/>.</summary>
    public CoralAlignment() : this(new CoralOptions())
    {
    }

    /// <summary>CORAL with <paramref name="options"/>; an <see cref="ArgumentException"/> for options with <see cref="CoralOptions.Problems"/>.</summary>
    public CoralAlignment(CoralOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("CORAL options: " + string.Join("; ", problems) + ".", nameof(options));
        Options = options;
    }

    /// <summary>The settings.</summary>
    public CoralOptions Options { get; }

    /// <inheritdoc />
    public string Name
    {
        get
        {
            var settings = new List<string>();
            if (Options.Regularization != CoralOptions.DefaultRegularization) settings.Add("eps=" + Options.Regularization.ToString("R", CultureInfo.InvariantCulture));
            if (!Options.Standardize) settings.Add("raw");
            return settings.Count == 0 ? "coral" : $"coral({string.Join(",", settings)})";
        }
    }

    /// <summary>
    /// Learns the maps from <paramref name="source"/> and <paramref name="target"/> (n rows of d floats each, n ≥ 2).
    /// An <see cref="ArgumentException"/> for no rows or rows of different lengths; a <see cref="UserInputException"/> for
    /// a NaN or infinite value, a domain of one row, or d above <see cref="MaxFeatures"/>.
    /// </summary>
    public FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        var d = AlignmentMath.CheckDomains(source, target, "CORAL", minimumRows: 2);
        if (d > MaxFeatures)
            throw new UserInputException($"CORAL decomposes d x d covariance matrices and accepts at most {MaxFeatures} features (got {d}): " +
                AdaptationData.WideFeaturesHint);
        var lambda = Options.Regularization;
        var meanS = AlignmentMath.Mean(source, d);
        var meanT = AlignmentMath.Mean(target, d);
        double[]? scaleS = null, scaleT = null;
        if (Options.Standardize)
        {
            scaleS = AlignmentMath.Floored(AlignmentMath.Std(source, meanS)).Select(s => 1 / s).ToArray();
            scaleT = AlignmentMath.Floored(AlignmentMath.Std(target, meanT)).Select(s => 1 / s).ToArray();
        }
        var identity = Matrix<double>.Build.DenseIdentity(d) * lambda;
        var covS = AlignmentMath.Covariance(source, meanS, scaleS) + identity;
        var covT = AlignmentMath.Covariance(target, meanT, scaleT) + identity;
        var a = AlignmentMath.SymmetricPower(covS, -0.5) * AlignmentMath.SymmetricPower(covT, 0.5);
        var lambdaText = lambda.ToString("G4", CultureInfo.InvariantCulture);
        if (Options.Standardize)
        {
            var sourceMap = new AffineMap(d, AlignmentMath.Floats(meanS), AlignmentMath.Floats(scaleS!), AlignmentMath.RowMajor(a));
            var targetMap = new AffineMap(d, AlignmentMath.Floats(meanT), AlignmentMath.Floats(scaleT!));
            return new FittedAlignment(sourceMap, targetMap,
                $"CORAL with eps {lambdaText} on per-domain standardised features: source whitened with its covariance and re-coloured with the target's.",
                [new("regularization", lambda), new("standardize", 1), new("features", d)]);
        }
        var raw = new AffineMap(d, shift: AlignmentMath.Floats(meanS), matrix: AlignmentMath.RowMajor(a), offset: AlignmentMath.Floats(meanT));
        return new FittedAlignment(raw, AffineMap.Identity(d),
            $"CORAL with eps {lambdaText} on the raw features: source whitened with its covariance, re-coloured with the target's and moved to the target mean.",
            [new("regularization", lambda), new("standardize", 0), new("features", d)]);
    }
}
