namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The information-maximisation score of a model's predictions on unlabeled rows, IM = H(mean p) − mean H(p), in nats
/// (natural logarithm): the mutual information between a row and its predicted class under the empirical distribution.
/// High when predictions are individually confident (low mean entropy) and diverse over the classes (high entropy of
/// the mean prediction). In [0, ln C] for C classes: 0 when every row gets the same prediction (such as all uniform),
/// ln C when every row is predicted with certainty and the classes are used equally often. The unsupervised criterion
/// <c>--method auto</c> ranks adaptation methods by (Shi &amp; Sha 2012, "Information-Theoretical Learning of
/// Discriminative Clusters for Unsupervised Domain Adaptation", ICML; Liang, Hu &amp; Feng 2020, SHOT, ICML).
/// </summary>
public static class InformationMaximization
{
    /// <summary>
    /// IM of <paramref name="probabilities"/>: n rows of C class probabilities each (C ≥ 1, each row summing to 1
    /// within 1e-3; 0 · ln 0 counts as 0). An <see cref="ArgumentException"/> for no rows, rows of different lengths,
    /// or a row with a negative, NaN or infinite value or a sum away from 1.
    /// </summary>
    public static double Score(IReadOnlyList<float[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Count == 0) throw new ArgumentException("Information maximisation needs predictions (got no rows).", nameof(probabilities));
        var classes = probabilities[0]?.Length ?? 0;
        if (classes == 0) throw new ArgumentException("Row 0 has no class probabilities.", nameof(probabilities));
        var mean = new double[classes];
        double meanEntropy = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var row = probabilities[i];
            if (row is null || row.Length != classes) throw new ArgumentException($"Row {i} has {row?.Length ?? 0} probabilities; row 0 has {classes}.", nameof(probabilities));
            double sum = 0;
            foreach (var p in row)
            {
                if (!(p >= 0 && float.IsFinite(p))) throw new ArgumentException($"Row {i} holds {p}: probabilities must be finite and 0 or more.", nameof(probabilities));
                sum += p;
            }
            if (Math.Abs(sum - 1) > 1e-3) throw new ArgumentException($"Row {i}'s probabilities sum to {sum}, not 1.", nameof(probabilities));
            for (var c = 0; c < classes; c++)
            {
                mean[c] += row[c];
                meanEntropy -= Plogp(row[c]);
            }
        }
        double marginalEntropy = 0;
        for (var c = 0; c < classes; c++) marginalEntropy -= Plogp(mean[c] / probabilities.Count);
        return marginalEntropy - meanEntropy / probabilities.Count;
    }

    private static double Plogp(double p) => p > 0 ? p * Math.Log(p) : 0;
}
