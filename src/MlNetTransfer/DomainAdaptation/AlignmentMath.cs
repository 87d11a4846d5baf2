using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// The statistics the linear alignments share, in double precision: per-feature means, population standard deviations,
/// sample covariance matrices (divided by n − 1, as numpy's <c>np.cov</c>) and powers of symmetric matrices by
/// symmetric eigen-decomposition (MathNet.Numerics).
/// </summary>
internal static class AlignmentMath
{
    /// <summary>
    /// d of two domains' rows, checked: an <see cref="ArgumentException"/> for no rows or rows of different lengths
    /// (<see cref="AdaptationData.Width"/>), a <see cref="UserInputException"/> naming the domain and row for a NaN or
    /// infinite value, or for fewer than <paramref name="minimumRows"/> rows in a domain.
    /// </summary>
    public static int CheckDomains(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target, string method, int minimumRows)
    {
        var d = AdaptationData.Width(source, target);
        PrincipalComponents.Check(source, $"{method} (source rows)");
        PrincipalComponents.Check(target, $"{method} (target rows)");
        if (source.Count < minimumRows) throw new UserInputException($"{method} needs at least {minimumRows} source rows (got {source.Count}).");
        if (target.Count < minimumRows) throw new UserInputException($"{method} needs at least {minimumRows} target rows (got {target.Count}).");
        return d;
    }

    /// <summary>Per-feature mean of <paramref name="rows"/>, [d].</summary>
    public static double[] Mean(IReadOnlyList<float[]> rows, int d)
    {
        var mean = new double[d];
        foreach (var row in rows)
            for (var j = 0; j < d; j++) mean[j] += row[j];
        for (var j = 0; j < d; j++) mean[j] /= rows.Count;
        return mean;
    }

    /// <summary>Per-feature population standard deviation (divided by n, numpy's <c>std</c> with ddof 0), [d].</summary>
    public static double[] Std(IReadOnlyList<float[]> rows, double[] mean)
    {
        var d = mean.Length;
        var sum = new double[d];
        foreach (var row in rows)
            for (var j = 0; j < d; j++)
            {
                var c = row[j] - mean[j];
                sum[j] += c * c;
            }
        for (var j = 0; j < d; j++) sum[j] = Math.Sqrt(sum[j] / rows.Count);
        return sum;
    }

    /// <summary>
    /// Standard deviations with a floor: each is raised to at least 1e-3 times the median of the non-zero ones (so a
    /// nearly constant feature is not multiplied by a huge number), and when every feature is constant each becomes 1.
    /// </summary>
    public static double[] Floored(double[] std)
    {
        var nonZero = std.Where(s => s > 0).Order().ToArray();
        if (nonZero.Length == 0) return std.Select(_ => 1.0).ToArray();
        var median = nonZero.Length % 2 == 1 ? nonZero[nonZero.Length / 2] : (nonZero[nonZero.Length / 2 - 1] + nonZero[nonZero.Length / 2]) / 2;
        var floor = StdFloor * median;
        return std.Select(s => Math.Max(s, floor)).ToArray();
    }

    /// <summary>The floor of a standard deviation as a fraction of the median non-zero one (see <see cref="Floored"/>).</summary>
    public const double StdFloor = 1e-3;

    /// <summary>
    /// Sample covariance (divided by n − 1) of the rows ((x − <paramref name="mean"/>) ⊙ <paramref name="scale"/>), d x d;
    /// <paramref name="scale"/> null for none. Needs n ≥ 2.
    /// </summary>
    public static Matrix<double> Covariance(IReadOnlyList<float[]> rows, double[] mean, double[]? scale)
    {
        var n = rows.Count;
        var d = mean.Length;
        var columns = new double[d][];
        Parallel.For(0, d, j =>
        {
            var column = columns[j] = new double[n];
            var s = scale?[j] ?? 1;
            for (var i = 0; i < n; i++) column[i] = (rows[i][j] - mean[j]) * s;
        });
        var covariance = new double[d, d];
        Parallel.For(0, d, a =>
        {
            for (var b = 0; b <= a; b++)
                covariance[a, b] = covariance[b, a] = TensorPrimitives.Dot<double>(columns[a], columns[b]) / (n - 1);
        });
        return Matrix<double>.Build.DenseOfArray(covariance);
    }

    /// <summary>
    /// <paramref name="symmetric"/> to the power <paramref name="power"/> (such as ±1/2) through its symmetric
    /// eigen-decomposition V diag(λ^p) Vᵀ; the matrix must be positive definite (every eigenvalue above 0).
    /// </summary>
    public static Matrix<double> SymmetricPower(Matrix<double> symmetric, double power)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        if (values.Min() <= 0) throw new InvalidOperationException($"The matrix is not positive definite (smallest eigenvalue {values.Min()}).");
        var vectors = evd.EigenVectors;
        var scaled = vectors.Clone();
        for (var c = 0; c < values.Length; c++) scaled.SetColumn(c, vectors.Column(c) * Math.Pow(values[c], power));
        var result = scaled * vectors.Transpose();
        return (result + result.Transpose()) / 2;
    }

    /// <summary>A d x k matrix as the row-major floats <see cref="AffineMap"/> takes.</summary>
    public static float[] RowMajor(Matrix<double> matrix)
    {
        var values = new float[matrix.RowCount * matrix.ColumnCount];
        for (var r = 0; r < matrix.RowCount; r++)
            for (var c = 0; c < matrix.ColumnCount; c++) values[r * matrix.ColumnCount + c] = (float)matrix[r, c];
        return values;
    }

    /// <summary>Doubles as floats.</summary>
    public static float[] Floats(IEnumerable<double> values) => values.Select(v => (float)v).ToArray();
}
