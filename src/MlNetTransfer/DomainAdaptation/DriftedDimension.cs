namespace MlNetTransfer.DomainAdaptation;

/// <summary>One feature's shift between the domains (all rows of both, not subsampled).</summary>
/// <param name="Index">The feature's index in the rows, 0-based.</param>
/// <param name="SourceMean">Its mean over the source rows.</param>
/// <param name="TargetMean">Its mean over the target rows.</param>
/// <param name="StandardizedMeanDifference">
/// |μ_s − μ_t| / σ_pooled with σ_pooled = sqrt((σ_s² + σ_t²) / 2) (population standard deviations) floored at 1e-9:
/// the mean difference in pooled standard deviations (Cohen's d). What the features are ranked by.
/// </param>
/// <param name="KolmogorovSmirnov">
/// The two-sample Kolmogorov–Smirnov statistic, the largest distance between the two empirical distribution functions,
/// in [0, 1] (<c>scipy.stats.ks_2samp(...).statistic</c>).
/// </param>
public sealed record DriftedDimension(int Index, double SourceMean, double TargetMean, double StandardizedMeanDifference, double KolmogorovSmirnov);
