using System.Numerics.Tensors;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// How well an embedding keeps local structure, exactly as scikit-learn 1.2's <c>sklearn.manifold.trustworthiness</c>
/// (euclidean; tested to 1e-9): T(k) = 1 - 2 / (n k (2n - 3k - 1)) · Σᵢ Σ_{j ∈ Nᵢᵏ} max(0, r(i, j) - k), where Nᵢᵏ are
/// i's k nearest neighbours in the embedding and r(i, j) is j's rank among i's neighbours in the input space (Venna and
/// Kaski 2001). In [0, 1]: 1 when every embedded neighbourhood is an input neighbourhood. Distances in double; equal
/// distances are ranked by row index (scikit-learn's argsort leaves their order to its sort).
/// </summary>
public static class Trustworthiness
{
    /// <summary>
    /// T(<paramref name="k"/>) of <paramref name="embedding"/> (n rows of any width, usually 2) for <paramref name="rows"/>
    /// (n rows of d floats). O(n²·d) time, rows in parallel. A <see cref="UserInputException"/> when the two have
    /// different numbers of rows, rows are ragged or hold a NaN or infinity, or k is not between 1 and n / 2 (exclusive).
    /// </summary>
    public static double Compute(IReadOnlyList<float[]> rows, IReadOnlyList<float[]> embedding, int k = 10, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(embedding);
        var (n, _) = PrincipalComponents.Check(rows, "Trustworthiness (input rows)");
        PrincipalComponents.Check(embedding, "Trustworthiness (embedding)");
        if (embedding.Count != n) throw new UserInputException($"Trustworthiness needs one embedded row per input row: {n} input rows, {embedding.Count} embedded.");
        if (k < 1 || k >= n / 2.0) throw new UserInputException($"Trustworthiness with k = {k} neighbours needs k between 1 and rows / 2 = {n / 2.0}, exclusive ({n} rows).");

        var input = rows.Select(r => r.Select(v => (double)v).ToArray()).ToArray();
        var embedded = embedding.Select(r => r.Select(v => (double)v).ToArray()).ToArray();
        var penalties = new long[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellation }, () => new double[n], (i, _, distances) =>
        {
            var nearest = new NearestNeighbors.Nearest(k);
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                nearest.Offer(TensorPrimitives.Distance<double>(embedded[i], embedded[j]), j);
                distances[j] = TensorPrimitives.Distance<double>(input[i], input[j]);
            }
            long penalty = 0;
            foreach (var j in nearest.Indices)
            {
                var rank = 1; // j's rank among i's input neighbours, 1 = nearest
                var dj = distances[j];
                for (var l = 0; l < n; l++)
                    if (l != i && (distances[l] < dj || distances[l] == dj && l < j)) rank++;
                penalty += Math.Max(0, rank - k);
            }
            penalties[i] = penalty;
            return distances;
        }, _ => { });
        var total = (double)penalties.Sum();
        return 1.0 - total * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }
}
