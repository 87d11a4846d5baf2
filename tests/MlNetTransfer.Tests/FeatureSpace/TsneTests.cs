using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary>
/// t-SNE: on scikit-learn's digits, our embedding's trustworthiness (k = 10) is within 0.01 of scikit-learn 1.2.1's TSNE
/// with the same options (Fixtures/tsne_fixtures.json), exact and Barnes-Hut; well-separated blobs stay separated; a seed
/// gives the same embedding whatever the threads; the Barnes-Hut pieces agree with the exact ones.
/// </summary>
public sealed class TsneTests
{
    [Theory]
    [InlineData("exact", TsneMethod.Exact)]
    [InlineData("barnes_hut", TsneMethod.BarnesHut)]
    public void Digits_trustworthiness_is_within_0_01_of_scikit_learns(string sklearnMethod, TsneMethod method)
    {
        var expected = FeatureSpaceFixtures.Tsne(sklearnMethod);
        var rows = FeatureSpaceFixtures.Digits.Rows.Take(expected.GetProperty("rows").GetInt32()).ToList();
        var options = new TsneOptions { Perplexity = expected.GetProperty("perplexity").GetDouble(), Method = method, Seed = 0 };

        var run = Tsne.Run(rows, options, default);

        Assert.Equal(method, run.Method);
        Assert.Equal(rows.Count, run.Embedding.Length);
        Assert.All(run.Embedding, p => Assert.True(p.Length == 2 && float.IsFinite(p[0]) && float.IsFinite(p[1])));
        var ours = Trustworthiness.Compute(rows, run.Embedding, 10);
        var theirs = expected.GetProperty("trustworthiness10").GetDouble();
        Assert.True(Math.Abs(ours - theirs) <= 0.01, $"trustworthiness {ours:F4}, scikit-learn {theirs:F4} ({run.LastIteration + 1} iterations, KL {run.KlDivergence:F4})");
    }

    [Theory]
    [InlineData(TsneMethod.Exact)]
    [InlineData(TsneMethod.BarnesHut)]
    public void Well_separated_blobs_stay_separated(TsneMethod method)
    {
        var (rows, blob) = Blobs(blobs: 6, perBlob: 60, dimensions: 20, seed: 3);
        var embedding = Tsne.Fit(rows, new TsneOptions { Method = method, Perplexity = 15 });

        // Each point's 10 nearest embedded neighbours come from its own blob.
        for (var i = 0; i < rows.Count; i++)
        {
            var nearest = Enumerable.Range(0, rows.Count).Where(j => j != i)
                .OrderBy(j => Squared(embedding[i], embedding[j])).Take(10);
            Assert.All(nearest, j => Assert.True(blob[j] == blob[i], $"point {i} (blob {blob[i]}) has point {j} (blob {blob[j]}) among its nearest"));
        }
    }

    [Theory]
    [InlineData(TsneMethod.Exact, TsneInitialization.Random)]
    [InlineData(TsneMethod.BarnesHut, TsneInitialization.Random)]
    [InlineData(TsneMethod.BarnesHut, TsneInitialization.Pca)]
    public void A_seed_gives_the_same_embedding_whatever_the_threads(TsneMethod method, TsneInitialization init)
    {
        var rows = FeatureSpaceFixtures.Digits.Rows.Take(400).ToList();
        var options = new TsneOptions { Method = method, Initialization = init, Seed = 7, MaxIterations = 300 };

        var first = Tsne.Fit(rows, options);
        var again = Tsne.Fit(rows, options);
        var oneThread = Tsne.Fit(rows, options with { MaxThreads = 1 });

        Assert.Equal(Flat(first), Flat(again));
        Assert.Equal(Flat(first), Flat(oneThread));
        if (init == TsneInitialization.Random)
            Assert.NotEqual(Flat(first), Flat(Tsne.Fit(rows, options with { Seed = 8 })));
    }

    [Fact]
    public void Barnes_hut_with_theta_0_and_every_neighbour_is_the_exact_gradient()
    {
        // 50 rows, perplexity 20: ⌊3·20 + 1⌋ ≥ 49 neighbours, so the sparse P is the dense one; theta 0 opens every cell.
        var rows = FeatureSpaceFixtures.Digits.Rows.Take(50).ToList();
        var parallel = new ParallelOptions();
        var exact = new ExactTsneObjective(TsneAffinities.Dense(rows, 20, parallel), 50, parallel);
        var tree = new BarnesHutTsneObjective(TsneAffinities.Sparse(rows, 20, parallel), 50, 0, parallel);
        var random = new Random(1);
        var y = Enumerable.Range(0, 100).Select(_ => random.NextDouble() * 10).ToArray();
        double[] g1 = new double[100], g2 = new double[100];

        var kl1 = exact.Gradient(y, g1, 12, computeError: true);
        var kl2 = tree.Gradient(y, g2, 12, computeError: true);

        for (var k = 0; k < 100; k++) Assert.True(Math.Abs(g1[k] - g2[k]) <= 1e-9 * (1 + Math.Abs(g1[k])), $"gradient[{k}]: {g1[k]} vs {g2[k]}");
        Assert.Equal(kl1, kl2, 1e-6);
    }

    [Fact]
    public void The_quadtree_repulsion_is_exact_at_theta_0_and_close_at_theta_0_5()
    {
        var random = new Random(5);
        const int n = 500;
        var y = Enumerable.Range(0, 2 * n).Select(_ => random.NextDouble() * 20 - 10).ToArray();
        y[2] = y[0]; // a duplicate point
        y[3] = y[1];
        var tree = new QuadTree(n);
        tree.Build(y);
        double totalZ = 0, approximateZ = 0, forceError = 0, force = 0;
        for (var i = 0; i < n; i++)
        {
            double z = 0, fx = 0, fy = 0;
            for (var j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1], w = 1 / (1 + dx * dx + dy * dy);
                z += w;
                fx += w * w * dx;
                fy += w * w * dy;
            }
            var exactZ = tree.Repulsion(i, 0, out var ex, out var ey);
            Assert.Equal(z, exactZ, 1e-9);
            Assert.Equal(fx, ex, 1e-9);
            Assert.Equal(fy, ey, 1e-9);
            approximateZ += tree.Repulsion(i, 0.25, out var ax, out var ay);
            totalZ += z;
            forceError += Math.Abs(ax - fx) + Math.Abs(ay - fy);
            force += Math.Abs(fx) + Math.Abs(fy);
        }
        // theta 0.5 (squared 0.25): Z, the normaliser, within 2% (cells stand for their points at the centre of mass: a slight underestimate); the forces within 5% (L1, all points).
        Assert.True(Math.Abs(approximateZ - totalZ) <= 0.02 * totalZ, $"Z {approximateZ} vs {totalZ}");
        Assert.True(forceError <= 0.05 * force, $"force error {forceError} of {force}");
        Assert.True(tree.CellCount < 8 * n, $"{tree.CellCount} cells");
    }

    [Fact]
    public void Fewer_rows_than_the_perplexity_is_a_user_error_saying_so()
    {
        var rows = FeatureSpaceFixtures.Digits.Rows.Take(30).ToList();
        var error = Assert.Throws<UserInputException>(() => Tsne.Fit(rows, new TsneOptions()));
        Assert.Contains("perplexity 30", error.Message);
        Assert.Contains("got 30", error.Message);
        Assert.Contains("must be less than the number of rows", error.Message);
        Assert.Equal(30, Tsne.Fit(rows, new TsneOptions { Perplexity = 10, MaxIterations = 260 }).Length);
        Assert.Throws<ArgumentException>(() => Tsne.Fit(rows, new TsneOptions { Theta = 2, Perplexity = -1 }));
        Assert.Throws<UserInputException>(() => Tsne.Fit([[1f], [2f], [3f]], new TsneOptions { Perplexity = 1 }));
    }

    private static (List<float[]> Rows, int[] Blob) Blobs(int blobs, int perBlob, int dimensions, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = Enumerable.Range(0, blobs).Select(_ => Enumerable.Range(0, dimensions).Select(_ => 20 * Normal()).ToArray()).ToArray();
        var rows = new List<float[]>();
        var blob = new List<int>();
        for (var b = 0; b < blobs; b++)
            for (var i = 0; i < perBlob; i++)
            {
                rows.Add(centres[b].Select(c => (float)(c + Normal())).ToArray());
                blob.Add(b);
            }
        return (rows, blob.ToArray());
    }

    private static double Squared(float[] a, float[] b) => (a[0] - b[0]) * (double)(a[0] - b[0]) + (a[1] - b[1]) * (double)(a[1] - b[1]);

    private static float[] Flat(float[][] embedding) => embedding.SelectMany(p => p).ToArray();
}
