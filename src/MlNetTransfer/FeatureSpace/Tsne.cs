namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// t-distributed stochastic neighbour embedding into 2-D (van der Maaten and Hinton 2008, "Visualizing data using t-SNE",
/// JMLR 9; Barnes-Hut: van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms", JMLR 15), following
/// scikit-learn 1.2's <c>TSNE</c> step for step: squared euclidean input distances; each row's Gaussian tuned to the
/// perplexity by <c>_binary_search_perplexity</c> (over every row for the exact method, over the ⌊3·perplexity + 1⌋
/// nearest neighbours for Barnes-Hut); symmetrised P; initialisation by PCA scaled to standard deviation 1e-4 (or
/// random); gradient descent with momentum 0.5 and P exaggerated (×12) for 250 iterations, then momentum 0.8 up to
/// 1,000 iterations; per-parameter gains (+0.2 when the gradient changes sign, ×0.8 otherwise, at least 0.01); learning
/// rate "auto" = max(n / 12 / 4, 50); every 50 iterations the KL divergence is checked, stopping after 300 iterations
/// without progress or at a gradient norm ≤ 1e-7. Computed in double; the same rows, options and seed give the same
/// embedding bit for bit, whatever the number of threads. The result is comparable to scikit-learn's in quality
/// (trustworthiness within 0.01 on digits, tested), not equal point for point.
/// </summary>
public static class Tsne
{
    /// <summary><see cref="TsneMethod.Auto"/> uses the exact gradient up to this many rows, Barnes-Hut above.</summary>
    public const int AutoExactMaxRows = 1000;

    /// <summary>The exact method holds n² affinities (8 bytes each): refused above this many rows.</summary>
    public const int ExactMaxRows = 10_000;

    private const int CheckEvery = 50;
    private const double MinGain = 0.01;

    /// <summary>
    /// Embeds <paramref name="rows"/> (n rows of d floats) in 2-D: n x 2 floats, row i the position of row i.
    /// A <see cref="UserInputException"/> when there are fewer than 2 rows, no more rows than the perplexity (it must be
    /// below n, as scikit-learn requires), rows of different lengths or with a NaN or infinity, PCA initialisation with
    /// fewer than 2 features or with every row the same, or the exact method above <see cref="ExactMaxRows"/> rows;
    /// an <see cref="ArgumentException"/> for options with <see cref="TsneOptions.Problems"/>;
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires (checked every iteration).
    /// </summary>
    public static float[][] Fit(IReadOnlyList<float[]> rows, TsneOptions options, CancellationToken cancellation = default) =>
        Run(rows, options, cancellation).Embedding;

    /// <summary>What one run did: the embedding, the method used, the last iteration (0-based) and the KL divergence there.</summary>
    internal sealed record TsneRun(float[][] Embedding, TsneMethod Method, int LastIteration, double KlDivergence);

    /// <summary><see cref="Fit"/>, with what the run did.</summary>
    internal static TsneRun Run(IReadOnlyList<float[]> rows, TsneOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems) throw new ArgumentException("t-SNE options: " + string.Join("; ", problems) + ".", nameof(options));
        var (n, d) = PrincipalComponents.Check(rows, "t-SNE");
        if (n < 2) throw new UserInputException($"t-SNE needs at least 2 rows (got {n}).");
        if (options.Perplexity >= n)
            throw new UserInputException($"t-SNE with perplexity {options.Perplexity} needs more rows than that (got {n}): the perplexity must be less than the number of rows; lower it or add rows.");
        var method = options.Method == TsneMethod.Auto ? (n <= AutoExactMaxRows ? TsneMethod.Exact : TsneMethod.BarnesHut) : options.Method;
        if (method == TsneMethod.Exact && n > ExactMaxRows)
            throw new UserInputException($"Exact t-SNE of {n} rows needs {n}² affinities in memory; it is limited to {ExactMaxRows} rows: use the Barnes-Hut method.");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxThreads ?? Environment.ProcessorCount, CancellationToken = cancellation };

        var y = Initial(rows, d, options, cancellation);
        ITsneObjective objective = method == TsneMethod.Exact
            ? new ExactTsneObjective(TsneAffinities.Dense(rows, options.Perplexity, parallel), n, parallel)
            : new BarnesHutTsneObjective(TsneAffinities.Sparse(rows, options.Perplexity, parallel), n, options.Theta, parallel);
        var learningRate = options.LearningRate ?? Math.Max(n / options.EarlyExaggeration / 4, 50);

        var exploration = options.EarlyExaggerationIterations;
        var (last, error) = (-1, double.NaN);
        if (exploration > 0)
            (last, error) = Descend(objective, y, 0, exploration, 0.5, learningRate, options.EarlyExaggeration, exploration, options.MinGradientNorm, cancellation);
        if (last + 1 < options.MaxIterations)
            (last, error) = Descend(objective, y, last + 1, options.MaxIterations, 0.8, learningRate, 1, options.IterationsWithoutProgress, options.MinGradientNorm, cancellation);

        var embedding = new float[n][];
        for (var i = 0; i < n; i++) embedding[i] = [(float)y[2 * i], (float)y[2 * i + 1]];
        return new TsneRun(embedding, method, last, error);
    }

    /// <summary>
    /// scikit-learn's <c>_gradient_descent</c> from iteration <paramref name="from"/> to <paramref name="to"/> (exclusive),
    /// with fresh momentum and gains; returns the last iteration run and the last KL divergence computed.
    /// </summary>
    private static (int Last, double Error) Descend(ITsneObjective objective, double[] y, int from, int to, double momentum, double learningRate,
        double exaggeration, int withoutProgress, double minGradientNorm, CancellationToken cancellation)
    {
        var gradient = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        double error = double.NaN, best = double.MaxValue;
        var bestIteration = from;
        var last = from;
        for (var i = from; i < to; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            last = i;
            var check = (i + 1) % CheckEvery == 0;
            var kl = objective.Gradient(y, gradient, exaggeration, check || i == to - 1);
            if (!double.IsNaN(kl)) error = kl;
            for (var k = 0; k < y.Length; k++)
            {
                gains[k] = update[k] * gradient[k] < 0 ? gains[k] + 0.2 : gains[k] * 0.8;
                if (gains[k] < MinGain) gains[k] = MinGain;
                gradient[k] *= gains[k];
                update[k] = momentum * update[k] - learningRate * gradient[k];
                y[k] += update[k];
            }
            if (!check) continue;
            double norm = 0;
            foreach (var g in gradient) norm += g * g;
            if (kl < best)
            {
                best = kl;
                bestIteration = i;
            }
            else if (i - bestIteration > withoutProgress) break;
            if (Math.Sqrt(norm) <= minGradientNorm) break;
        }
        return (last, error);
    }

    /// <summary>The starting embedding, n x 2 interleaved: PCA scaled as scikit-learn 1.2 (<c>pca / std(pca[:, 0]) * 1e-4</c>), or 1e-4 · N(0, 1) from the seed.</summary>
    private static double[] Initial(IReadOnlyList<float[]> rows, int d, TsneOptions options, CancellationToken cancellation)
    {
        var n = rows.Count;
        var y = new double[2 * n];
        if (options.Initialization == TsneInitialization.Random)
        {
            var random = new Random(options.Seed);
            for (var k = 0; k < y.Length; k++)
            {
                // Box-Muller: a standard normal value from two uniform ones.
                var u = 1.0 - random.NextDouble();
                var v = random.NextDouble();
                y[k] = 1e-4 * Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
            }
            return y;
        }
        if (d < 2) throw new UserInputException($"t-SNE's PCA initialisation needs at least 2 features (got {d}); use random initialisation.");
        var projected = PrincipalComponents.Fit(rows, PcaOptions.Count(2), cancellation).Transform(rows);
        var mean = projected.Average(p => (double)p[0]);
        var std = Math.Sqrt(projected.Sum(p => (p[0] - mean) * (p[0] - mean)) / n);
        if (!(std > 0)) throw new UserInputException("t-SNE: every row is the same; there is nothing to embed.");
        for (var i = 0; i < n; i++)
        {
            y[2 * i] = projected[i][0] / std * 1e-4;
            y[2 * i + 1] = projected[i][1] / std * 1e-4;
        }
        return y;
    }
}
