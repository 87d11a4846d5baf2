using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace MlNetTransfer.Heads;

/// <summary>
/// Ridge regression in closed form, in double precision, on the features as the <c>linear</c> head's saved chain sees
/// them: each feature multiplied by ML.NET's <c>NormalizeMeanVariance</c> scale (1 / √(mean of x²) over the training rows,
/// zero for a constant feature; no shift) when standardising, and an unpenalised intercept. Minimises
/// ‖y − Xw − b‖² + α‖w‖², which is scikit-learn 1.2's <c>Ridge(alpha=α)</c>; ML.NET's SDCA regression minimises
/// (1/n)·Σ(ŷ − y)² + (λ/2)‖w‖² with an unregularised bias, the same problem for α = n·λ/2 (<see cref="AlphaOfSdcaL2"/>).
/// The d x d scatter matrix XᵀX of the centred, scaled rows is eigen-decomposed once (MathNet.Numerics, O(n·d² + d³)),
/// or with fewer rows than features the n x n Gram matrix XXᵀ (O(n²·d + n³); w = Xᵀ(XXᵀ + αI)⁻¹y, the same solution),
/// after which each penalty costs O(d²) or O(n·d): cross-validating a grid of penalties is one decomposition per fold.
/// </summary>
internal sealed class RidgeRegression
{
    /// <summary>The rows of one cross-validation fold: fit on the training part, score the test part.</summary>
    /// <param name="TrainRows">Training rows, each [d].</param>
    /// <param name="TrainLabels">Their labels, [n].</param>
    /// <param name="TestRows">Held-out rows, each [d].</param>
    /// <param name="TestLabels">Their labels.</param>
    internal sealed record Fold(IReadOnlyList<float[]> TrainRows, IReadOnlyList<float> TrainLabels, IReadOnlyList<float[]> TestRows, IReadOnlyList<float> TestLabels);

    private const int BlockRows = 256;

    private readonly double[] _mean;
    private readonly double[] _eigenvalues;
    private readonly Matrix<double> _eigenvectors;
    private readonly double[] _projected;

    /// <summary>The centred, scaled rows when the Gram matrix was decomposed (weights are Xᵀa); null for the scatter matrix.</summary>
    private readonly double[][]? _centred;

    private RidgeRegression(int rows, double[] scale, double[] mean, double labelMean, Evd<double> evd, double[] projected, double[][]? centred)
    {
        Rows = rows;
        Scale = scale;
        _mean = mean;
        LabelMean = labelMean;
        _eigenvalues = evd.EigenValues.Select(v => v.Real).ToArray();
        _eigenvectors = evd.EigenVectors;
        _projected = evd.EigenVectors.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(projected)).ToArray();
        _centred = centred;
    }

    /// <summary>Number of training rows n.</summary>
    public int Rows { get; }

    /// <summary>Per-feature multiplier, [d]: ML.NET's mean-variance scale when standardising, else 1.</summary>
    public double[] Scale { get; }

    /// <summary>Mean training label (the intercept of centred features).</summary>
    public double LabelMean { get; }

    /// <summary>
    /// The penalty α of <c>Ridge</c> that is SDCA's per-example <paramref name="l2"/> on <paramref name="rows"/> rows:
    /// n·λ/2 (SDCA's loss is the mean of (ŷ − y)², its penalty (λ/2)‖w‖²).
    /// </summary>
    public static double AlphaOfSdcaL2(float l2, int rows) => rows * (double)l2 / 2;

    /// <summary>
    /// Prepares the fit on <paramref name="rows"/> (n rows of d finite floats, n ≥ 1) and <paramref name="labels"/> [n]:
    /// the scale, the means, and the eigen-decomposition of the centred, scaled scatter matrix (d ≤ n) or Gram matrix
    /// (d &gt; n, which keeps the n x d centred rows in double).
    /// </summary>
    public static RidgeRegression Prepare(IReadOnlyList<float[]> rows, IReadOnlyList<float> labels, bool standardize)
    {
        var n = rows.Count;
        if (n == 0 || labels.Count != n) throw new ArgumentException($"Ridge needs rows and one label per row (got {n} rows, {labels.Count} labels).", nameof(rows));
        var d = rows[0].Length;
        var mean = new double[d];
        var squares = new double[d];
        var constant = Enumerable.Repeat(true, d).ToArray();
        foreach (var row in rows)
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
                squares[j] += (double)row[j] * row[j];
                constant[j] &= row[j] == rows[0][j];
            }
        var scale = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] /= n;
            scale[j] = !standardize ? 1 : constant[j] ? 0 : 1 / Math.Sqrt(squares[j] / n);
        }
        var labelMean = labels.Sum(l => (double)l) / n;
        if (d <= n)
        {
            var (scatter, moment) = CentredScatter(rows, labels, mean, scale, labelMean);
            return new RidgeRegression(n, scale, mean, labelMean, scatter.Evd(Symmetricity.Symmetric), moment, null);
        }
        var centred = rows.Select(row => Enumerable.Range(0, d).Select(j => (row[j] - mean[j]) * scale[j]).ToArray()).ToArray();
        var gram = new double[n, n];
        Parallel.For(0, n, a =>
        {
            for (var b = 0; b <= a; b++) gram[a, b] = TensorPrimitives.Dot<double>(centred[a], centred[b]);
        });
        for (var a = 0; a < n; a++)
            for (var b = 0; b < a; b++) gram[b, a] = gram[a, b];
        var centredLabels = labels.Select(l => l - labelMean).ToArray();
        return new RidgeRegression(n, scale, mean, labelMean, Matrix<double>.Build.DenseOfArray(gram).Evd(Symmetricity.Symmetric), centredLabels, centred);
    }

    /// <summary>
    /// The weights of the scaled features, [d], for the penalty <paramref name="alpha"/> (&gt; 0):
    /// (XᵀX + αI)⁻¹Xᵀy = Xᵀ(XXᵀ + αI)⁻¹y on the centred, scaled rows X, through the eigen-decomposition.
    /// </summary>
    public double[] Weights(double alpha)
    {
        var shrunk = Vector<double>.Build.Dense(_projected.Length, i => _projected[i] / (_eigenvalues[i] + alpha));
        var solution = (_eigenvectors * shrunk).ToArray();
        if (_centred is null) return solution;
        var weights = new double[_mean.Length];
        for (var i = 0; i < _centred.Length; i++) TensorPrimitives.MultiplyAdd(_centred[i], solution[i], weights, weights);
        return weights;
    }

    /// <summary>The intercept on the scaled (uncentred) features for <paramref name="weights"/>: ȳ − Σ mean_j·scale_j·w_j (scikit-learn's <c>intercept_</c>).</summary>
    public double Intercept(double[] weights)
    {
        var shift = 0.0;
        for (var j = 0; j < weights.Length; j++) shift += _mean[j] * Scale[j] * weights[j];
        return LabelMean - shift;
    }

    /// <summary>The predictions for <paramref name="rows"/> (each [d], raw units) with <paramref name="weights"/>.</summary>
    public double[] Predict(double[] weights, IReadOnlyList<float[]> rows)
    {
        var intercept = Intercept(weights);
        var scaled = new double[weights.Length];
        for (var j = 0; j < weights.Length; j++) scaled[j] = weights[j] * Scale[j];
        return rows.Select(row =>
        {
            var sum = intercept;
            for (var j = 0; j < scaled.Length; j++) sum += scaled[j] * row[j];
            return sum;
        }).ToArray();
    }

    /// <summary>
    /// Mean squared error of each penalty in <paramref name="l2"/> (SDCA's per-example λ, made α = n·λ/2 with each fold's n)
    /// averaged over the <paramref name="folds"/> with a test row, as ML.NET's cross-validation averages per-fold metrics.
    /// </summary>
    public static double[] CrossValidatedErrors(IReadOnlyList<Fold> folds, IReadOnlyList<float> l2, bool standardize)
    {
        var errors = new double[l2.Count];
        var scored = folds.Where(f => f.TestRows.Count > 0).ToList();
        foreach (var fold in scored)
        {
            var ridge = Prepare(fold.TrainRows, fold.TrainLabels, standardize);
            for (var k = 0; k < l2.Count; k++)
            {
                var predicted = ridge.Predict(ridge.Weights(AlphaOfSdcaL2(l2[k], ridge.Rows)), fold.TestRows);
                var squared = 0.0;
                for (var i = 0; i < predicted.Length; i++) squared += (predicted[i] - fold.TestLabels[i]) * (predicted[i] - fold.TestLabels[i]);
                errors[k] += squared / predicted.Length / scored.Count;
            }
        }
        return errors;
    }

    /// <summary>XᵀX (d x d) and Xᵀ(y − ȳ) [d] of the centred, scaled rows X, accumulated over blocks of rows in double.</summary>
    private static (Matrix<double> Scatter, double[] Moment) CentredScatter(IReadOnlyList<float[]> rows, IReadOnlyList<float> labels, double[] mean, double[] scale, double labelMean)
    {
        var d = mean.Length;
        var scatter = new double[d, d];
        var moment = new double[d];
        for (var start = 0; start < rows.Count; start += BlockRows)
        {
            var count = Math.Min(BlockRows, rows.Count - start);
            var columns = new double[d][];
            for (var j = 0; j < d; j++)
            {
                var column = columns[j] = new double[count];
                for (var i = 0; i < count; i++) column[i] = (rows[start + i][j] - mean[j]) * scale[j];
            }
            var centredLabels = new double[count];
            for (var i = 0; i < count; i++) centredLabels[i] = labels[start + i] - labelMean;
            Parallel.For(0, d, a =>
            {
                for (var b = 0; b <= a; b++) scatter[a, b] += TensorPrimitives.Dot<double>(columns[a], columns[b]);
                moment[a] += TensorPrimitives.Dot<double>(columns[a], centredLabels);
            });
        }
        for (var a = 0; a < d; a++)
            for (var b = 0; b < a; b++) scatter[b, a] = scatter[a, b];
        return (Matrix<double>.Build.DenseOfArray(scatter), moment);
    }
}
