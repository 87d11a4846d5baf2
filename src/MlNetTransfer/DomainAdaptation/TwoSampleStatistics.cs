using System.Numerics.Tensors;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Two-sample statistics of <see cref="ShiftDiagnostics"/>: the RBF-kernel MMD² (biased V-statistic, median-heuristic
/// bandwidth) with its permutation test, and the Kolmogorov–Smirnov statistic of one feature.
/// </summary>
internal static class TwoSampleStatistics
{
    /// <summary>
    /// The median Euclidean distance between distinct rows of <paramref name="pooled"/> (the average of the two middle
    /// ones for an even count, as <c>np.median</c>), 1 when it is 0; and the RBF kernel matrix exp(−‖x − y‖² / (2σ²)),
    /// N x N row-major.
    /// </summary>
    public static (double Bandwidth, double[] Kernel) MedianKernel(double[][] pooled)
    {
        var n = pooled.Length;
        var squared = new double[n * n];
        Parallel.For(0, n, i =>
        {
            var difference = new double[pooled[i].Length];
            for (var j = 0; j < i; j++)
            {
                TensorPrimitives.Subtract(pooled[i], pooled[j], difference);
                squared[i * n + j] = squared[j * n + i] = TensorPrimitives.SumOfSquares<double>(difference);
            }
        });
        var distances = new double[(long)n * (n - 1) / 2];
        var p = 0;
        for (var i = 1; i < n; i++)
            for (var j = 0; j < i; j++) distances[p++] = Math.Sqrt(squared[i * n + j]);
        Array.Sort(distances);
        var half = distances.Length / 2;
        var median = distances.Length == 0 ? 0 : distances.Length % 2 == 1 ? distances[half] : (distances[half - 1] + distances[half]) / 2;
        var bandwidth = median > 0 ? median : 1;
        var gamma = 1 / (2 * bandwidth * bandwidth);
        Parallel.For(0, n, i =>
        {
            for (var j = 0; j < n; j++) squared[i * n + j] = Math.Exp(-gamma * squared[i * n + j]);
        });
        return (bandwidth, squared);
    }

    /// <summary>Biased MMD², mean K_ss + mean K_tt − 2 mean K_st, of the rows marked target by <paramref name="isTarget"/> against the others.</summary>
    public static double Mmd2(double[] kernel, bool[] isTarget)
    {
        var n = isTarget.Length;
        double ss = 0, tt = 0, st = 0;
        for (var i = 0; i < n; i++)
        {
            double toSource = 0, toTarget = 0;
            var row = kernel.AsSpan(i * n, n);
            for (var j = 0; j < n; j++)
            {
                if (isTarget[j]) toTarget += row[j];
                else toSource += row[j];
            }
            if (isTarget[i])
            {
                tt += toTarget;
                st += toSource;
            }
            else ss += toSource;
        }
        double m = isTarget.Count(t => t), s = n - m;
        return ss / (s * s) + tt / (m * m) - 2 * st / (s * m);
    }

    /// <summary>
    /// The observed MMD² and the permutation p-value (1 + #{permuted ≥ observed}) / (1 + permutations); the domain labels
    /// are shuffled with <paramref name="random"/> (all permutations drawn first, then evaluated in parallel).
    /// </summary>
    public static (double Mmd2, double PValue) PermutationTest(double[] kernel, int sourceRows, int targetRows, int permutations, Random random, CancellationToken cancellation)
    {
        var labels = Enumerable.Range(0, sourceRows + targetRows).Select(i => i >= sourceRows).ToArray();
        var observed = Mmd2(kernel, labels);
        var shuffled = new bool[permutations][];
        for (var p = 0; p < permutations; p++)
        {
            var copy = (bool[])labels.Clone();
            random.Shuffle(copy);
            shuffled[p] = copy;
        }
        var atLeast = 0;
        Parallel.For(0, permutations, new ParallelOptions { CancellationToken = cancellation }, p =>
        {
            if (Mmd2(kernel, shuffled[p]) >= observed * (1 - 1e-12)) Interlocked.Increment(ref atLeast);
        });
        return (observed, (1.0 + atLeast) / (1.0 + permutations));
    }

    /// <summary>
    /// The two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b| of two samples (sorted here), as
    /// <c>scipy.stats.ks_2samp(a, b).statistic</c>.
    /// </summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        Array.Sort(a);
        Array.Sort(b);
        int i = 0, j = 0;
        double largest = 0;
        while (i < a.Length && j < b.Length)
        {
            var value = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= value) i++;
            while (j < b.Length && b[j] <= value) j++;
            largest = Math.Max(largest, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return largest;
    }
}
