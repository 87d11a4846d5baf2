namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// t-SNE's input affinities P from squared euclidean distances: each row's Gaussian precision found by scikit-learn's
/// <c>_binary_search_perplexity</c> (at most 100 halvings/doublings of beta until |entropy - ln(perplexity)| ≤ 1e-5),
/// then symmetrised and normalised, P = (P_j|i + P_i|j) / Σ. <see cref="Dense"/> over every pair (the exact method),
/// <see cref="Sparse"/> over the ⌊3·perplexity + 1⌋ nearest neighbours (Barnes-Hut).
/// </summary>
internal static class TsneAffinities
{
    private const int Steps = 100;
    private const double EntropyTolerance = 1e-5;
    private const double EmptySum = 1e-8;

    /// <summary>2.2e-16: scikit-learn's floor on every exact P_ij and Q_ij.</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Writes P_j|i for squared distances <paramref name="distances"/> into <paramref name="p"/> (same length); entry
    /// <paramref name="self"/> (the row itself, or -1 for none) gets 0.
    /// </summary>
    public static void ConditionalRow(ReadOnlySpan<double> distances, int self, double perplexity, Span<double> p)
    {
        double betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity, beta = 1;
        var desiredEntropy = Math.Log(perplexity);
        p.Clear();
        for (var step = 0; step < Steps; step++)
        {
            double sum = 0;
            for (var j = 0; j < distances.Length; j++)
            {
                if (j == self) continue;
                p[j] = Math.Exp(-distances[j] * beta);
                sum += p[j];
            }
            if (sum == 0) sum = EmptySum;
            double weighted = 0;
            for (var j = 0; j < distances.Length; j++)
            {
                p[j] /= sum;
                weighted += distances[j] * p[j];
            }
            var entropyDifference = Math.Log(sum) + beta * weighted - desiredEntropy;
            if (Math.Abs(entropyDifference) <= EntropyTolerance) break;
            if (entropyDifference > 0)
            {
                betaMin = beta;
                beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            }
            else
            {
                betaMax = beta;
                beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
        }
    }

    /// <summary>The exact method's P, n x n row-major: symmetric, summing to 1, each off-diagonal entry at least <see cref="MachineEpsilon"/>, diagonal 0.</summary>
    public static double[] Dense(IReadOnlyList<float[]> rows, double perplexity, ParallelOptions parallel)
    {
        var n = rows.Count;
        var conditional = new double[n * n];
        // Four rows at a time, with the distance kernel of the nearest-neighbour search (the same floats as Barnes-Hut's).
        Parallel.For(0, (n + 3) / 4, parallel, () => new double[4 * n], (quad, _, distances) =>
        {
            var first = 4 * quad;
            var count = Math.Min(4, n - first);
            Span<float> squared = stackalloc float[4];
            for (var j = 0; j < n; j++)
            {
                NearestNeighbors.SquaredDistances(rows, first, count, rows[j], squared);
                for (var r = 0; r < count; r++) distances[r * n + j] = first + r == j ? 0 : squared[r];
            }
            for (var r = 0; r < count; r++)
                ConditionalRow(distances.AsSpan(r * n, n), first + r, perplexity, conditional.AsSpan((first + r) * n, n));
            return distances;
        }, _ => { });
        var p = new double[n * n];
        double total = 0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                total += conditional[i * n + j] + conditional[j * n + i];
        total = Math.Max(total, MachineEpsilon);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                p[i * n + j] = i == j ? 0 : Math.Max((conditional[i * n + j] + conditional[j * n + i]) / total, MachineEpsilon);
        return p;
    }

    /// <summary>
    /// The Barnes-Hut method's P over each row's ⌊3·perplexity + 1⌋ nearest neighbours (at most n - 1), symmetrised
    /// (P + Pᵀ: a pair counts when either row is among the other's neighbours) and normalised to sum 1, as CSR rows with
    /// ascending column indices.
    /// </summary>
    public static SparseAffinities Sparse(IReadOnlyList<float[]> rows, double perplexity, ParallelOptions parallel)
    {
        var n = rows.Count;
        var k = Math.Min(n - 1, (int)(3.0 * perplexity + 1));
        var (neighbours, distances) = NearestNeighbors.Find(rows, k, parallel.MaxDegreeOfParallelism, parallel.CancellationToken);
        var conditional = new double[n][];
        Parallel.For(0, n, parallel, i =>
        {
            conditional[i] = new double[k];
            ConditionalRow(distances[i], -1, perplexity, conditional[i]);
        });

        // P + Pᵀ: every (i, j, p) also as (j, i, p); then per row by column, equal columns summed.
        var counts = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            counts[i + 1] += k;
            foreach (var j in neighbours[i]) counts[j + 1]++;
        }
        for (var i = 0; i < n; i++) counts[i + 1] += counts[i];
        var fill = counts[..n];
        var columns = new int[counts[n]];
        var values = new double[counts[n]];
        for (var i = 0; i < n; i++)
            for (var m = 0; m < k; m++)
            {
                var j = neighbours[i][m];
                (columns[fill[i]], values[fill[i]++]) = (j, conditional[i][m]);
                (columns[fill[j]], values[fill[j]++]) = (i, conditional[i][m]);
            }
        var rowStart = new int[n + 1];
        var outColumns = new List<int>(columns.Length);
        var outValues = new List<double>(columns.Length);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            rowStart[i] = outColumns.Count;
            var length = counts[i + 1] - counts[i];
            var cols = columns.AsSpan(counts[i], length);
            var vals = values.AsSpan(counts[i], length);
            cols.Sort(vals);
            for (var m = 0; m < length; m++)
            {
                if (m > 0 && cols[m] == cols[m - 1]) outValues[^1] += vals[m];
                else
                {
                    outColumns.Add(cols[m]);
                    outValues.Add(vals[m]);
                }
                total += vals[m];
            }
        }
        rowStart[n] = outColumns.Count;
        total = Math.Max(total, MachineEpsilon);
        var normalised = outValues.Select(v => v / total).ToArray();
        return new SparseAffinities(rowStart, outColumns.ToArray(), normalised);
    }
}
