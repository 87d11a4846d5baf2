using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Onnx;
using static MlNetTransfer.Backbones.OnnxGraphs;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// Exact principal component analysis, fitted in double precision, equal to scikit-learn 1.2's
/// <c>PCA(n_components, svd_solver="full")</c>: the same components (signs fixed as its <c>svd_flip</c> fixes them: the
/// training row with the largest absolute projection on a component projects positively), <c>mean_</c>,
/// <c>explained_variance_</c> (squared singular values / (rows - 1)), <c>explained_variance_ratio_</c> and
/// <c>transform</c> (tested to 1e-4 on scikit-learn's output). The decomposition is the symmetric eigen-decomposition
/// (MathNet.Numerics) of the centred data's d x d scatter matrix when rows &gt;= features, else of its n x n Gram matrix
/// (components then recovered as Xᵀu / s), so a fit costs O(n·d·min(n, d) + min(n, d)³).
/// Saved in a model as a generated ONNX graph (<see cref="ToOnnx"/>: (x - mean) · Wᵀ) by <see cref="PcaFeatureSpaceTransform"/>.
/// ML.NET's own <c>ProjectToPrincipalComponents</c> is randomized (it differs from the exact projection by more than
/// 1e-4), which is why this exists.
/// </summary>
public sealed class PrincipalComponents
{
    /// <summary>The largest min(rows, features) an exact fit accepts: beyond it the eigen-decomposition (cubic in it) takes minutes.</summary>
    public const int MaxExactSize = 4096;

    private readonly double[] _mean;
    private readonly double[][] _components;
    private readonly double[] _explainedVariance;
    private readonly double[] _explainedVarianceRatio;

    private PrincipalComponents(double[] mean, double[][] components, double[] explainedVariance, double[] explainedVarianceRatio, int samples)
    {
        _mean = mean;
        _components = components;
        _explainedVariance = explainedVariance;
        _explainedVarianceRatio = explainedVarianceRatio;
        SampleCount = samples;
        Mean = Array.AsReadOnly(mean);
        Components = Array.AsReadOnly(components.Select(c => (IReadOnlyList<double>)Array.AsReadOnly(c)).ToArray());
        ExplainedVariance = Array.AsReadOnly(explainedVariance);
        ExplainedVarianceRatio = Array.AsReadOnly(explainedVarianceRatio);
    }

    /// <summary>Length of the rows the model was fitted on and transforms (d).</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Number of components kept (k): the length of every transformed row.</summary>
    public int ComponentCount => _components.Length;

    /// <summary>Number of rows the model was fitted on (n).</summary>
    public int SampleCount { get; }

    /// <summary>Per-feature mean of the training rows, [d] (scikit-learn's <c>mean_</c>).</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>The components, [k][d], unit length, by decreasing variance (scikit-learn's <c>components_</c>, signs as its <c>svd_flip</c>).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Components { get; }

    /// <summary>Variance of the training rows along each component, [k], in squared feature units: s² / (n - 1) (<c>explained_variance_</c>).</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Each component's share of the total variance (all min(n, d) components), [k] (<c>explained_variance_ratio_</c>).</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>The share of the variance the kept components explain together: the sum of <see cref="ExplainedVarianceRatio"/>, in (0, 1].</summary>
    public double ExplainedVarianceRatioSum => _explainedVarianceRatio.Sum();

    /// <summary>
    /// Fits PCA on <paramref name="rows"/> (n rows of d floats, n &gt;= 2) keeping the components <paramref name="options"/>
    /// ask for. A <see cref="UserInputException"/> for rows of different lengths or with a NaN or infinite value (naming
    /// the row), fewer than 2 rows, min(n, d) above <see cref="MaxExactSize"/>, or more components than min(n, d);
    /// an <see cref="ArgumentException"/> for options with <see cref="PcaOptions.Problems"/>.
    /// </summary>
    public static PrincipalComponents Fit(IReadOnlyList<float[]> rows, PcaOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("PCA options: " + string.Join("; ", problems) + ".", nameof(options));
        var (n, d) = Check(rows, "PCA");
        if (n < 2) throw new UserInputException($"PCA needs at least 2 rows (got {n}).");
        var rank = Math.Min(n, d);
        if (options.Components is { } asked && asked > rank)
            throw new UserInputException($"PCA with {asked} components (--pca {asked}) needs at most min(rows, features) = {rank} " +
                $"({n} rows of {d} features): ask for at most {rank} components, or for a share of the variance such as 0.95.");
        if (rank > MaxExactSize)
            throw new UserInputException($"Exact PCA of {n} rows of {d} features decomposes a {rank} x {rank} matrix, above the {MaxExactSize} it accepts: use fewer rows or features.");

        var mean = new double[d];
        foreach (var row in rows)
            for (var j = 0; j < d; j++) mean[j] += row[j];
        for (var j = 0; j < d; j++) mean[j] /= n;
        var centered = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var c = centered[i] = new double[d];
            for (var j = 0; j < d; j++) c[j] = rows[i][j] - mean[j];
        }
        cancellation.ThrowIfCancellationRequested();

        var (values, directions) = d <= n ? ScatterEigen(centered, d, cancellation) : GramEigen(centered, d, cancellation);
        var totalVariance = centered.Sum(c => TensorPrimitives.SumOfSquares<double>(c)) / (n - 1);
        var variance = values.Select(v => Math.Max(v, 0) / (n - 1)).ToArray();
        var ratio = variance.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray();
        var k = options.Components ?? ComponentsFor(ratio, options.VarianceFraction!.Value);

        var components = new double[k][];
        for (var c = 0; c < k; c++) components[c] = Orthonormal(directions(c), components.AsSpan(0, c), d);
        for (var c = 0; c < k; c++) FlipSign(components[c], centered);
        return new PrincipalComponents(mean, components, variance[..k], ratio[..k], n);
    }

    /// <summary>
    /// scikit-learn's choice for a variance fraction: <c>searchsorted(cumsum(ratio), fraction, side="right") + 1</c>, the
    /// number of cumulative ratios at or below the fraction plus one (capped at the number of components).
    /// </summary>
    internal static int ComponentsFor(IReadOnlyList<double> ratio, double fraction)
    {
        double cumulative = 0;
        var atOrBelow = 0;
        foreach (var r in ratio)
        {
            cumulative += r;
            if (cumulative <= fraction) atOrBelow++;
            else break;
        }
        return Math.Min(atOrBelow + 1, ratio.Count);
    }

    /// <summary>Row <paramref name="row"/> (d floats) projected on the components: [k] floats, computed in double, (x - mean) · Wᵀ.</summary>
    public float[] Transform(float[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != FeatureCount) throw new ArgumentException($"PCA was fitted on rows of {FeatureCount} features; this row has {row.Length}.", nameof(row));
        var centered = new double[row.Length];
        for (var j = 0; j < row.Length; j++) centered[j] = row[j] - _mean[j];
        var result = new float[ComponentCount];
        for (var c = 0; c < result.Length; c++) result[c] = (float)TensorPrimitives.Dot<double>(centered, _components[c]);
        return result;
    }

    /// <summary>Every row of <paramref name="rows"/> through <see cref="Transform(float[])"/>: n x k, in order.</summary>
    public float[][] Transform(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new float[rows.Count][];
        Parallel.For(0, rows.Count, i => result[i] = Transform(rows[i]));
        return result;
    }

    /// <summary>
    /// The projection as ONNX (opset 13): input <paramref name="inputName"/> f32[batch, d] -> Sub(mean) -> MatMul(Wᵀ) ->
    /// output <paramref name="outputName"/> f32[batch, k]. Float arithmetic: equal to <see cref="Transform(float[])"/>
    /// within float rounding (about 1e-6 relative).
    /// </summary>
    public ModelProto ToOnnx(string inputName, string outputName)
    {
        var graph = new GraphProto { Name = "pca" };
        graph.Input.Add(BatchOfVectors(inputName, FeatureCount));
        graph.Output.Add(BatchOfVectors(outputName, ComponentCount));
        graph.Initializer.Add(FloatConstant("pca_mean", _mean.Select(v => (float)v).ToArray(), [FeatureCount]));
        var projection = new float[FeatureCount * ComponentCount]; // Wᵀ, [d, k] row-major
        for (var j = 0; j < FeatureCount; j++)
            for (var c = 0; c < ComponentCount; c++) projection[j * ComponentCount + c] = (float)_components[c][j];
        graph.Initializer.Add(FloatConstant("pca_projection", projection, [FeatureCount, ComponentCount]));
        graph.Node.Add(Node("Sub", [inputName, "pca_mean"], "pca_centered"));
        graph.Node.Add(Node("MatMul", ["pca_centered", "pca_projection"], outputName));
        return GeneratedModel(graph);
    }

    /// <summary>n and d of <paramref name="rows"/>; a <see cref="UserInputException"/> (naming <paramref name="what"/> and the row) for no rows, empty or ragged rows, NaN or infinity.</summary>
    internal static (int Rows, int Features) Check(IReadOnlyList<float[]> rows, string what)
    {
        if (rows.Count == 0) throw new UserInputException($"{what} needs rows to fit (got none).");
        var d = rows[0]?.Length ?? 0;
        if (d == 0) throw new UserInputException($"{what}: row 0 has no features.");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null || row.Length != d) throw new UserInputException($"{what}: row {i} has {row?.Length ?? 0} features, row 0 has {d}; every row must have as many.");
            if (!float.IsFinite(TensorPrimitives.Sum<float>(row)) && row.Any(v => !float.IsFinite(v))) throw new UserInputException($"{what}: row {i} holds a NaN or infinite value.");
        }
        return (rows.Count, d);
    }

    /// <summary>Eigen-decomposition of XcᵀXc (d x d): squared singular values, descending, and the matching right singular vectors.</summary>
    private static (double[] Values, Func<int, double[]> Direction) ScatterEigen(double[][] centered, int d, CancellationToken cancellation)
    {
        var n = centered.Length;
        var columns = new double[d][];
        for (var j = 0; j < d; j++)
        {
            var column = columns[j] = new double[n];
            for (var i = 0; i < n; i++) column[i] = centered[i][j];
        }
        var scatter = Symmetric(d, (a, b) => TensorPrimitives.Dot<double>(columns[a], columns[b]), cancellation);
        var (values, vectors) = Eigen(scatter);
        return (values, c => vectors.Column(c).ToArray());
    }

    /// <summary>Eigen-decomposition of XcXcᵀ (n x n): squared singular values, descending; right singular vectors v = Xcᵀu (normalised later).</summary>
    private static (double[] Values, Func<int, double[]> Direction) GramEigen(double[][] centered, int d, CancellationToken cancellation)
    {
        var n = centered.Length;
        var gram = Symmetric(n, (a, b) => TensorPrimitives.Dot<double>(centered[a], centered[b]), cancellation);
        var (values, vectors) = Eigen(gram);
        return (values, c =>
        {
            var v = new double[d];
            if (values[c] <= values[0] * 1e-13) return v; // no defined direction: completed by Orthonormal
            for (var i = 0; i < n; i++) TensorPrimitives.MultiplyAdd(centered[i], vectors[i, c], v, v);
            return v;
        });
    }

    private static Matrix<double> Symmetric(int size, Func<int, int, double> entry, CancellationToken cancellation)
    {
        var matrix = Matrix<double>.Build.Dense(size, size);
        Parallel.For(0, size, new ParallelOptions { CancellationToken = cancellation }, a =>
        {
            for (var b = a; b < size; b++)
            {
                var value = entry(a, b);
                matrix[a, b] = value;
                matrix[b, a] = value;
            }
        });
        return matrix;
    }

    /// <summary>Eigenvalues in decreasing order (ties: lower original index first) and the eigenvectors reordered to match.</summary>
    private static (double[] Values, Matrix<double> Vectors) Eigen(Matrix<double> symmetric)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        var raw = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, raw.Length).OrderByDescending(i => raw[i]).ThenBy(i => i).ToArray();
        var vectors = Matrix<double>.Build.Dense(symmetric.RowCount, order.Length);
        for (var c = 0; c < order.Length; c++) vectors.SetColumn(c, evd.EigenVectors.Column(order[c]));
        return (order.Select(i => raw[i]).ToArray(), vectors);
    }

    /// <summary>
    /// <paramref name="v"/> made orthogonal to the earlier components (modified Gram-Schmidt) and of unit length; a
    /// direction of (numerically) zero variance, which has no defined direction, is completed with the first standard
    /// basis vector that is not in the span of the earlier ones.
    /// </summary>
    private static double[] Orthonormal(double[] v, ReadOnlySpan<double[]> earlier, int d)
    {
        var scale = Math.Sqrt(TensorPrimitives.SumOfSquares<double>(v));
        if (scale > 0) TensorPrimitives.Divide(v, scale, v);
        for (var basis = -1; basis < d; basis++)
        {
            var candidate = basis < 0 ? v : new double[d];
            if (basis >= 0) candidate[basis] = 1;
            foreach (var e in earlier) TensorPrimitives.MultiplyAdd(e, -TensorPrimitives.Dot<double>(candidate, e), candidate, candidate);
            var norm = Math.Sqrt(TensorPrimitives.SumOfSquares<double>(candidate));
            if (norm > 1e-6)
            {
                TensorPrimitives.Divide(candidate, norm, candidate);
                return candidate;
            }
        }
        throw new InvalidOperationException("No direction is left orthogonal to the earlier components.");
    }

    /// <summary>scikit-learn's <c>svd_flip</c> (u-based): the training row projecting furthest from zero (the first such row on a tie) projects positively.</summary>
    private static void FlipSign(double[] component, double[][] centered)
    {
        double largest = -1, sign = 1;
        foreach (var row in centered)
        {
            var projection = TensorPrimitives.Dot<double>(row, component);
            if (Math.Abs(projection) > largest)
            {
                largest = Math.Abs(projection);
                sign = projection < 0 ? -1 : 1;
            }
        }
        if (sign < 0) TensorPrimitives.Negate<double>(component, component);
    }
}
