using System.Numerics.Tensors;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// Exact k nearest neighbours by brute force (every pair, SIMD distances, rows in parallel), euclidean, the row itself
/// left out, ties broken by the lower index, so the result is the same whatever the threads. Used by t-SNE's Barnes-Hut
/// affinities (as scikit-learn's <c>NearestNeighbors</c>) and by <see cref="Trustworthiness"/>.
/// </summary>
internal static class NearestNeighbors
{
    /// <summary>
    /// For each row, its <paramref name="k"/> nearest other rows: indices [n][k] and squared euclidean distances [n][k],
    /// nearest first. <paramref name="k"/> must be below the number of rows.
    /// </summary>
    public static (int[][] Indices, double[][] SquaredDistances) Find(IReadOnlyList<float[]> rows, int k, int threads, CancellationToken cancellation)
    {
        var n = rows.Count;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and rows - 1 = {n - 1} (got {k}).");
        var indices = new int[n][];
        var distances = new double[n][];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, i =>
        {
            var best = new Nearest(k);
            var row = rows[i];
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                var d = TensorPrimitives.Distance<float>(row, rows[j]);
                best.Offer((double)d * d, j);
            }
            (indices[i], distances[i]) = (best.Indices, best.Distances);
        });
        return (indices, distances);
    }

    /// <summary>The k smallest (distance, index) pairs offered so far, in ascending order; an equal distance keeps the earlier offer first.</summary>
    internal sealed class Nearest(int k)
    {
        public int[] Indices { get; } = new int[k];
        public double[] Distances { get; } = Fill(k);
        private int _count;

        private static double[] Fill(int k)
        {
            var d = new double[k];
            Array.Fill(d, double.PositiveInfinity);
            return d;
        }

        /// <summary>Keeps (<paramref name="distance"/>, <paramref name="index"/>) if it is among the k smallest; offers must come in increasing index order.</summary>
        public void Offer(double distance, int index)
        {
            var last = Distances.Length - 1;
            if (_count > last && !(distance < Distances[last])) return;
            var at = Math.Min(_count, last);
            while (at > 0 && Distances[at - 1] > distance)
            {
                Distances[at] = Distances[at - 1];
                Indices[at] = Indices[at - 1];
                at--;
            }
            Distances[at] = distance;
            Indices[at] = index;
            if (_count <= last) _count++;
        }
    }
}
