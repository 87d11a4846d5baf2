using System.Globalization;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// How far apart two domains' feature rows are, and whether adapting is likely to help (what <c>diagnose-shift</c>
/// prints): a cross-validated domain classifier (ROC AUC and proxy A-distance), the maximum mean discrepancy with a
/// permutation p-value, the most drifted features and a <see cref="ShiftVerdict"/>. Pure computation, seeded: the same
/// rows and options give the same report.
/// <list type="bullet">
/// <item>Domain classifier: both domains subsampled (seeded) to min(n_s, n_t, <see cref="ShiftDiagnosticsOptions.MaxRowsPerDomain"/>)
/// rows, so the classes are balanced and AUC 0.5 means indistinguishable; stratified k-fold; in each fold an L2 logistic
/// regression (own L-BFGS in double, as scikit-learn's <c>LogisticRegression(C=1)</c>) on features standardised with the
/// training fold's statistics scores the held-out rows; the AUC is over the pooled out-of-fold scores (ties counted half,
/// as <c>roc_auc_score</c>); proxy A-distance 2 (1 − 2 · error at threshold 0.5), clipped at 0 (Ben-David et al. 2007).</item>
/// <item>MMD: each domain subsampled to at most <see cref="ShiftDiagnosticsOptions.MaxRowsPerDomain"/> rows; Gaussian RBF
/// kernel on the features as given with bandwidth the median pairwise distance of the pooled rows; biased MMD²
/// (Gretton et al. 2012); p-value from label permutations.</item>
/// <item>Drift per feature on all rows: standardised mean difference and the Kolmogorov–Smirnov statistic.</item>
/// </list>
/// </summary>
public static class ShiftDiagnostics
{
    /// <summary>A domain-classifier AUC below this (with a non-significant MMD) reads "no shift".</summary>
    public const double NoShiftAuc = 0.6;

    /// <summary>A domain-classifier AUC at or above this reads "strong shift".</summary>
    public const double StrongShiftAuc = 0.8;

    /// <summary>
    /// Below this AUC the explanation says that an AUC under 0.5 carries no signal: on small samples drawn from one
    /// distribution, cross-validated AUC is biased low (each held-out row's look-alikes are left mostly in the other
    /// domain's training rows), such as 0.29-0.40 for two halves of 100 Fashion-MNIST test images.
    /// </summary>
    public const double LowAuc = 0.45;

    /// <summary>An MMD p-value at or below this is significant (the shift is real, however small).</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>
    /// Measures the shift from <paramref name="source"/> to <paramref name="target"/> (n_s and n_t rows of d floats).
    /// An <see cref="ArgumentException"/> for no rows in a domain, rows of different lengths or options with
    /// <see cref="ShiftDiagnosticsOptions.Problems"/>; a <see cref="UserInputException"/> for a NaN or infinite value or
    /// fewer rows in a domain than folds; <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires.
    /// </summary>
    public static ShiftReport Measure(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target, ShiftDiagnosticsOptions? options = null,
        CancellationToken cancellation = default)
    {
        options ??= new ShiftDiagnosticsOptions();
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("Shift diagnostics options: " + string.Join("; ", problems) + ".", nameof(options));
        var d = AlignmentMath.CheckDomains(source, target, "Shift diagnostics", minimumRows: options.Folds);
        var random = new Random(options.Seed);

        // Domain classifier on balanced subsamples.
        var m = Math.Min(Math.Min(source.Count, target.Count), options.MaxRowsPerDomain);
        var classifierRows = Subsample(source, m, random).Concat(Subsample(target, m, random)).ToArray();
        var scores = DomainClassifier.OutOfFoldScores(classifierRows, m, options.Folds, random, cancellation);
        var isTarget = Enumerable.Range(0, 2 * m).Select(i => i >= m).ToArray();
        var auc = DomainClassifier.Auc(scores, isTarget);
        var error = (double)Enumerable.Range(0, 2 * m).Count(i => scores[i] > 0.5 != isTarget[i]) / (2 * m);
        var proxyA = Math.Max(0, 2 * (1 - 2 * error));
        cancellation.ThrowIfCancellationRequested();

        // MMD with a permutation test.
        var mmdSource = Subsample(source, Math.Min(source.Count, options.MaxRowsPerDomain), random);
        var mmdTarget = Subsample(target, Math.Min(target.Count, options.MaxRowsPerDomain), random);
        var (bandwidth, kernel) = TwoSampleStatistics.MedianKernel([.. mmdSource, .. mmdTarget]);
        var (mmd2, pValue) = TwoSampleStatistics.PermutationTest(kernel, mmdSource.Length, mmdTarget.Length, options.Permutations, random, cancellation);

        var drifted = MostDrifted(source, target, d, options.TopDimensions);
        var verdict = auc >= StrongShiftAuc ? ShiftVerdict.Strong
            : auc < NoShiftAuc && pValue > SignificanceLevel ? ShiftVerdict.None
            : ShiftVerdict.Mild;
        return new ShiftReport
        {
            SourceRows = source.Count,
            TargetRows = target.Count,
            FeatureCount = d,
            ClassifierRowsPerDomain = m,
            DomainClassifierAuc = auc,
            DomainClassifierError = error,
            ProxyADistance = proxyA,
            MmdSourceRows = mmdSource.Length,
            MmdTargetRows = mmdTarget.Length,
            MmdSquared = mmd2,
            MmdBandwidth = bandwidth,
            MmdPValue = pValue,
            Permutations = options.Permutations,
            MostDrifted = drifted,
            Verdict = verdict,
            Explanation = Explain(verdict, auc, pValue, drifted, options.FeatureNames),
        };
    }

    /// <summary>The verdict in plain words, with the numbers behind it.</summary>
    private static string Explain(ShiftVerdict verdict, double auc, double pValue, IReadOnlyList<DriftedDimension> drifted, IReadOnlyList<string>? names)
    {
        var numbers = string.Create(CultureInfo.InvariantCulture, $"domain-classifier AUC {auc:F2}, MMD p = {pValue:F3}");
        if (auc < LowAuc)
            numbers += "; an AUC below 0.5 is no signal: cross-validation reads low on small samples of one distribution";
        var top = drifted.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $" The most drifted feature is {(names is not null && drifted[0].Index < names.Count ? names[drifted[0].Index] : drifted[0].Index.ToString(CultureInfo.InvariantCulture))} ({drifted[0].StandardizedMeanDifference:F2} pooled standard deviations apart).");
        return verdict switch
        {
            ShiftVerdict.None => $"No shift: a classifier cannot tell the domains apart and their distributions do not differ significantly ({numbers}). " +
                "A model trained on the source should do as well on the target; adapting is unlikely to help.",
            ShiftVerdict.Mild => $"Mild shift: the domains differ, but a classifier separates them only partly ({numbers})." + top +
                " A source model may lose some accuracy on the target; adapting may help a little (compare methods with --method auto).",
            _ => $"Strong shift: a classifier tells the domains apart easily ({numbers})." + top +
                " A source model will probably lose accuracy on the target; adapting is likely to help.",
        };
    }

    /// <summary>Per feature the standardised mean difference and the KS statistic, the top <paramref name="count"/> by the former.</summary>
    private static IReadOnlyList<DriftedDimension> MostDrifted(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target, int d, int count)
    {
        if (count == 0) return [];
        var meanS = AlignmentMath.Mean(source, d);
        var meanT = AlignmentMath.Mean(target, d);
        var stdS = AlignmentMath.Std(source, meanS);
        var stdT = AlignmentMath.Std(target, meanT);
        var smd = new double[d];
        for (var j = 0; j < d; j++)
            smd[j] = Math.Abs(meanS[j] - meanT[j]) / Math.Max(Math.Sqrt((stdS[j] * stdS[j] + stdT[j] * stdT[j]) / 2), 1e-9);
        var top = Enumerable.Range(0, d).OrderByDescending(j => smd[j]).ThenBy(j => j).Take(count).ToArray();
        var result = new DriftedDimension[top.Length];
        Parallel.For(0, top.Length, p =>
        {
            var j = top[p];
            var ks = TwoSampleStatistics.KolmogorovSmirnov(source.Select(r => (double)r[j]).ToArray(), target.Select(r => (double)r[j]).ToArray());
            result[p] = new DriftedDimension(j, meanS[j], meanT[j], smd[j], ks);
        });
        return result;
    }

    /// <summary><paramref name="count"/> rows drawn without replacement (all of them, in order, when count equals the rows), as doubles, in row order.</summary>
    private static double[][] Subsample(IReadOnlyList<float[]> rows, int count, Random random)
    {
        var indices = Enumerable.Range(0, rows.Count).ToArray();
        if (count < rows.Count)
        {
            random.Shuffle(indices);
            indices = indices[..count];
            Array.Sort(indices);
        }
        return indices.Select(i => rows[i].Select(v => (double)v).ToArray()).ToArray();
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic of two samples of one feature (<c>scipy.stats.ks_2samp(a, b).statistic</c>), in [0, 1].</summary>
    public static double KolmogorovSmirnov(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("Both samples need values.");
        return TwoSampleStatistics.KolmogorovSmirnov(a.ToArray(), b.ToArray());
    }

    /// <summary>
    /// The biased RBF-kernel MMD² between two samples and the bandwidth σ chosen by the median heuristic, as
    /// <see cref="ShiftReport.MmdSquared"/> and <see cref="ShiftReport.MmdBandwidth"/> on all given rows (no subsample,
    /// no permutations). An <see cref="ArgumentException"/> for no rows or rows of different lengths.
    /// </summary>
    public static (double MmdSquared, double Bandwidth) MaximumMeanDiscrepancy(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        AdaptationData.Width(source, target);
        var (bandwidth, kernel) = TwoSampleStatistics.MedianKernel([.. source.Select(r => r.Select(v => (double)v).ToArray()), .. target.Select(r => r.Select(v => (double)v).ToArray())]);
        return (TwoSampleStatistics.Mmd2(kernel, Enumerable.Range(0, source.Count + target.Count).Select(i => i >= source.Count).ToArray()), bandwidth);
    }

    /// <summary>
    /// The ROC AUC of <paramref name="scores"/> for the rows marked <paramref name="positive"/> (ties counted half:
    /// <c>sklearn.metrics.roc_auc_score</c>). An <see cref="ArgumentException"/> for lists of different lengths or a class with no rows.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count) throw new ArgumentException($"{scores.Count} scores for {positive.Count} labels.", nameof(scores));
        if (!positive.Contains(true) || !positive.Contains(false)) throw new ArgumentException("The AUC needs both positive and negative rows.", nameof(positive));
        return DomainClassifier.Auc(scores, positive);
    }
}
