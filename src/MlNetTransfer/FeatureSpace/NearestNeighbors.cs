using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// Exact k nearest neighbours by brute force (every pair; SIMD distances, four rows at a time against each other row;
/// blocks of rows in parallel), euclidean, the row itself
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
        var blocks = (n + RowBlock - 1) / RowBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, b =>
        {
            // RowBlock rows against tiles of ColumnTile other rows: both stay in cache while their distances are computed.
            var first = b * RowBlock;
            var count = Math.Min(RowBlock, n - first);
            var best = new Nearest[count];
            for (var r = 0; r < count; r++) best[r] = new Nearest(k);
            Span<float> squared = stackalloc float[Block];
            for (var tile = 0; tile < n; tile += ColumnTile)
            {
                var tileEnd = Math.Min(n, tile + ColumnTile);
                for (var quad = 0; quad < count; quad += Block)
                {
                    var quadCount = Math.Min(Block, count - quad);
                    for (var j = tile; j < tileEnd; j++)
                    {
                        SquaredDistances(rows, first + quad, quadCount, rows[j], squared);
                        for (var r = 0; r < quadCount; r++)
                            if (first + quad + r != j) best[quad + r].Offer(squared[r], j);
                    }
                }
            }
            for (var r = 0; r < count; r++) (indices[first + r], distances[first + r]) = (best[r].Indices, best[r].Distances);
        });
        return (indices, distances);
    }

    /// <summary>Rows per parallel work item (a multiple of <see cref="Block"/>: rows are grouped in fours from row 0, as in <see cref="TsneAffinities.Dense"/>).</summary>
    private const int RowBlock = 64;

    /// <summary>Other rows per tile.</summary>
    private const int ColumnTile = 128;

    /// <summary>Rows handled together: each other row is read once per block (4 rows, 4 SIMD accumulators).</summary>
    private const int Block = 4;

    /// <summary>
    /// |rows[first + r] - other|² for r &lt; <paramref name="count"/> (at most 4), in float, by SIMD differences (no
    /// |a|² + |b|² - 2a·b cancellation), into <paramref name="squared"/>.
    /// </summary>
    internal static void SquaredDistances(IReadOnlyList<float[]> rows, int first, int count, float[] other, Span<float> squared)
    {
        if (count < Block || !Vector256.IsHardwareAccelerated)
        {
            for (var r = 0; r < count; r++)
            {
                var d = TensorPrimitives.Distance<float>(rows[first + r], other);
                squared[r] = d * d;
            }
            return;
        }
        float[] a0 = rows[first], a1 = rows[first + 1], a2 = rows[first + 2], a3 = rows[first + 3];
        var length = other.Length;
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        ref var b = ref MemoryMarshal.GetArrayDataReference(other);
        ref var r0 = ref MemoryMarshal.GetArrayDataReference(a0);
        ref var r1 = ref MemoryMarshal.GetArrayDataReference(a1);
        ref var r2 = ref MemoryMarshal.GetArrayDataReference(a2);
        ref var r3 = ref MemoryMarshal.GetArrayDataReference(a3);
        var k = 0;
        for (; k <= length - Vector256<float>.Count; k += Vector256<float>.Count)
        {
            var v = Vector256.LoadUnsafe(ref b, (nuint)k);
            var d0 = Vector256.LoadUnsafe(ref r0, (nuint)k) - v;
            var d1 = Vector256.LoadUnsafe(ref r1, (nuint)k) - v;
            var d2 = Vector256.LoadUnsafe(ref r2, (nuint)k) - v;
            var d3 = Vector256.LoadUnsafe(ref r3, (nuint)k) - v;
            s0 = Vector256.FusedMultiplyAdd(d0, d0, s0);
            s1 = Vector256.FusedMultiplyAdd(d1, d1, s1);
            s2 = Vector256.FusedMultiplyAdd(d2, d2, s2);
            s3 = Vector256.FusedMultiplyAdd(d3, d3, s3);
        }
        float t0 = Vector256.Sum(s0), t1 = Vector256.Sum(s1), t2 = Vector256.Sum(s2), t3 = Vector256.Sum(s3);
        for (; k < length; k++)
        {
            var v = other[k];
            t0 += (a0[k] - v) * (a0[k] - v);
            t1 += (a1[k] - v) * (a1[k] - v);
            t2 += (a2[k] - v) * (a2[k] - v);
            t3 += (a3[k] - v) * (a3[k] - v);
        }
        (squared[0], squared[1], squared[2], squared[3]) = (t0, t1, t2, t3);
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
