namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// How far apart two domains' feature rows are (<see cref="ShiftDiagnostics.Measure"/>): a cross-validated domain
/// classifier, the maximum mean discrepancy with a permutation test, the most drifted features and a verdict.
/// </summary>
public sealed record ShiftReport
{
    /// <summary>n_s: the source rows given.</summary>
    public required int SourceRows { get; init; }

    /// <summary>n_t: the target rows given.</summary>
    public required int TargetRows { get; init; }

    /// <summary>d: the length of every row.</summary>
    public required int FeatureCount { get; init; }

    /// <summary>Rows of each domain the domain classifier used: min(n_s, n_t, <see cref="ShiftDiagnosticsOptions.MaxRowsPerDomain"/>).</summary>
    public required int ClassifierRowsPerDomain { get; init; }

    /// <summary>
    /// Area under the ROC curve of a logistic regression telling target rows from source rows, over the pooled held-out
    /// scores of a stratified k-fold cross-validation (ties counted half, as scikit-learn's <c>roc_auc_score</c>): 0.5
    /// when the domains cannot be told apart, 1 when they are fully separable.
    /// </summary>
    public required double DomainClassifierAuc { get; init; }

    /// <summary>The classifier's cross-validated error at probability threshold 0.5, in [0, 1].</summary>
    public required double DomainClassifierError { get; init; }

    /// <summary>Proxy A-distance, 2 (1 − 2 · error), clipped at 0: 0 (indistinguishable) to 2 (separable) (Ben-David et al. 2007).</summary>
    public required double ProxyADistance { get; init; }

    /// <summary>Source rows the MMD used: min(n_s, <see cref="ShiftDiagnosticsOptions.MaxRowsPerDomain"/>).</summary>
    public required int MmdSourceRows { get; init; }

    /// <summary>Target rows the MMD used: min(n_t, <see cref="ShiftDiagnosticsOptions.MaxRowsPerDomain"/>).</summary>
    public required int MmdTargetRows { get; init; }

    /// <summary>
    /// The biased (V-statistic) estimate of the squared maximum mean discrepancy with a Gaussian RBF kernel,
    /// mean K_ss + mean K_tt − 2 mean K_st (diagonals included; Gretton et al. 2012): 0 or more, at most 2.
    /// </summary>
    public required double MmdSquared { get; init; }

    /// <summary>The kernel's bandwidth σ, k(x, y) = exp(−‖x − y‖² / (2σ²)): the median Euclidean distance between distinct pooled rows (1 when that is 0).</summary>
    public required double MmdBandwidth { get; init; }

    /// <summary>The permutation test's p-value, (1 + permutations with an MMD² at or above the observed) / (1 + permutations).</summary>
    public required double MmdPValue { get; init; }

    /// <summary>The number of permutations behind <see cref="MmdPValue"/>.</summary>
    public required int Permutations { get; init; }

    /// <summary>The most drifted features, by decreasing standardised mean difference (ties by index).</summary>
    public required IReadOnlyList<DriftedDimension> MostDrifted { get; init; }

    /// <summary>None, mild or strong (thresholds on <see cref="ShiftVerdict"/>).</summary>
    public required ShiftVerdict Verdict { get; init; }

    /// <summary>The verdict in plain words with the numbers behind it, and whether adapting is likely to help.</summary>
    public required string Explanation { get; init; }
}
