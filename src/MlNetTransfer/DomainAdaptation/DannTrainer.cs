using MlNetTransfer.Heads;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Domain-adversarial training of neural networks (DANN; Ganin, Ustinova, Ajakan, Germain, Larochelle, Laviolette,
/// Marchand and Lempitsky, 2016, JMLR 17(59):1–35) on frozen feature rows. Input rows are standardised per domain
/// (source rows with the source mean/std, target rows with the target's: with the source statistics alone the
/// discriminator separates the domains at once and nothing is learned). An adapter Linear(d, h) + ReLU feeds a label head
/// Linear(h, classes) + softmax (cross-entropy on the labeled rows) and, through a gradient-reversal layer, a domain
/// discriminator Linear(h, h2) + ReLU + Linear(h2, 1) + sigmoid (binary cross-entropy, source 1, target 0). The reversal
/// multiplies the discriminator's gradient into the adapter by −λ_p, λ_p = w · (2 / (1 + exp(−10 p)) − 1), p going from 0 to 1
/// over training. An optional target-entropy term (mean H(p) of the target rows' predictions, weight
/// <see cref="DannOptions.EntropyWeight"/>) pushes the target rows away from the decision boundaries. Adam on
/// mini-batches of B labeled rows and B unlabeled target rows (the target rows cycle when they are fewer). Adapter and label
/// head are one <see cref="MlpNetwork"/> [d, h, classes] (its hidden ReLU is the adapter), the discriminator another
/// [h, h2, 1] with a linear output; both are trained with the MLP head's forward/backward passes and Adam. Deterministic
/// for a seed (single-threaded).
/// </summary>
public static class DannTrainer
{
    private const int SampleRows = 1000;

    /// <summary>The widest rows DANN accepts (its first layer has d x <see cref="DannOptions.Hidden"/> weights).</summary>
    public const int MaxFeatures = AdaptationData.MaxDenseFeatures;

    /// <summary>Trains DANN.</summary>
    /// <param name="source">Labeled source rows, [n_s][d].</param>
    /// <param name="sourceLabels">Their class indices in [0, <paramref name="classes"/>).</param>
    /// <param name="target">Unlabeled target rows, [n_t][d].</param>
    /// <param name="classes">Number of classes (the softmax width), at least 2.</param>
    /// <param name="options">Network and optimiser settings.</param>
    /// <param name="seed">Seeds the initial weights, the shuffling and the evaluation sample.</param>
    /// <param name="targetLabeled">Optional labeled target rows, [m][d]: they join the label loss (standardised as target rows) and count as target rows for the discriminator and the target statistics.</param>
    /// <param name="targetLabeledLabels">Their class indices.</param>
    /// <param name="progress">Told after each epoch (synchronously).</param>
    /// <param name="cancellation">Checked at the start of each epoch.</param>
    /// <exception cref="UserInputException">Invalid options (every problem listed), rows wider than <see cref="MaxFeatures"/>, or training whose losses stopped being finite.</exception>
    /// <exception cref="ArgumentException">Rows of different lengths, no rows, or a label outside [0, classes).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    public static DannModel Train(IReadOnlyList<float[]> source, IReadOnlyList<int> sourceLabels, IReadOnlyList<float[]> target, int classes,
        DannOptions options, int seed = 0, IReadOnlyList<float[]>? targetLabeled = null, IReadOnlyList<int>? targetLabeledLabels = null,
        IProgress<DannEpoch>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid DANN options: {string.Join("; ", problems)}.");
        targetLabeled ??= [];
        targetLabeledLabels ??= [];
        var d = AdaptationData.Width(source, target);
        if (targetLabeled.Count > 0) AdaptationData.Width(source, targetLabeled);
        if (classes < 2) throw new ArgumentException("DANN needs at least two classes.", nameof(classes));
        if (sourceLabels.Count != source.Count || targetLabeledLabels.Count != targetLabeled.Count) throw new ArgumentException("One label per labeled row is needed.");
        if (sourceLabels.Concat(targetLabeledLabels).Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must be in [0, {classes}).");
        if (d > MaxFeatures)
            throw new UserInputException($"DANN trains a network on the features and accepts at most {MaxFeatures} of them (got {d}, such as a sparse tf-idf vocabulary): " +
                AdaptationData.WideFeaturesHint);

        // Per-domain standardisation: target statistics from every target row, labeled or not.
        var allTarget = targetLabeled.Count == 0 ? target : target.Concat(targetLabeled).ToList();
        var (sourceMean, sourceInverse) = MlpTrainer.Standardization(source, Enumerable.Range(0, source.Count).ToArray(), d, options.StdFloor);
        var (targetMean, targetInverse) = MlpTrainer.Standardization(allTarget, Enumerable.Range(0, allTarget.Count).ToArray(), d, options.StdFloor);
        float[] Standardize(float[] row, float[] mean, float[] inverse)
        {
            var x = new float[d];
            System.Numerics.Tensors.TensorPrimitives.Subtract(row, mean, x);
            System.Numerics.Tensors.TensorPrimitives.Multiply(x, inverse, x);
            return x;
        }
        // The labeled stream: source rows then labeled target rows, each with its domain (1 source, 0 target).
        var labeled = source.Select(r => Standardize(r, sourceMean, sourceInverse)).Concat(targetLabeled.Select(r => Standardize(r, targetMean, targetInverse))).ToArray();
        var labels = sourceLabels.Concat(targetLabeledLabels).ToArray();
        var labeledDomain = Enumerable.Range(0, labeled.Length).Select(i => i < source.Count ? 1f : 0f).ToArray();
        var unlabeled = target.Select(r => Standardize(r, targetMean, targetInverse)).ToArray();

        var random = new Random(seed);
        var network = MlpNetwork.Create([d, options.Hidden, classes], random);
        var discriminator = MlpNetwork.Create([options.Hidden, options.DiscriminatorHidden, 1], random, MlpOutput.Linear);
        var adam = new MlpOptions { LearningRate = options.LearningRate, L2 = options.L2 };
        var networkStep = new MlpTrainer.Adam(network, adam);
        var discriminatorStep = new MlpTrainer.Adam(discriminator, adam);

        var batch = Math.Min(options.BatchSize, labeled.Length);
        var rowsPerStep = 2 * batch;
        var acts = network.NewActivations(rowsPerStep);
        var dActs = discriminator.NewActivations(rowsPerStep);
        var widest = Math.Max(d, Math.Max(options.Hidden, Math.Max(options.DiscriminatorHidden, classes)));
        var delta = new float[rowsPerStep * widest];
        var deltaPrev = new float[rowsPerStep * widest];
        var dDelta = new float[rowsPerStep * widest];
        var dDeltaPrev = new float[rowsPerStep * widest];
        var reversed = new float[rowsPerStep * options.Hidden];
        var hiddenGradients = new float[]?[] { null, reversed };
        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        var dGradW = discriminator.Weights.Select(w => new float[w.Length]).ToArray();
        var dGradB = discriminator.Biases.Select(b => new float[b.Length]).ToArray();
        var domain = new float[rowsPerStep];
        var isTargetStream = new bool[rowsPerStep];

        var sourceSample = Sample(source.Count, random);
        var targetSample = Sample(unlabeled.Length, random);
        var order = Enumerable.Range(0, labeled.Length).ToArray();
        var targetOrder = Enumerable.Range(0, unlabeled.Length).ToArray();
        random.Shuffle(targetOrder);
        var targetNext = 0;
        var stepsPerEpoch = (labeled.Length + batch - 1) / batch;
        var totalSteps = (double)stepsPerEpoch * options.Epochs;
        var step = 0;
        var lambda = 0.0;
        var history = new List<DannEpoch>();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            random.Shuffle(order);
            double labelLoss = 0, domainLoss = 0;
            for (var start = 0; start < order.Length; start += batch, step++)
            {
                var n = Math.Min(batch, order.Length - start);
                var rows = 2 * n;
                lambda = options.DomainWeight * (2 / (1 + Math.Exp(-10 * (step / totalSteps))) - 1);
                for (var i = 0; i < n; i++)
                {
                    var r = order[start + i];
                    labeled[r].CopyTo(acts[0], i * d);
                    domain[i] = labeledDomain[r];
                    isTargetStream[i] = false;
                    if (targetNext == targetOrder.Length)
                    {
                        random.Shuffle(targetOrder);
                        targetNext = 0;
                    }
                    unlabeled[targetOrder[targetNext++]].CopyTo(acts[0], (n + i) * d);
                    domain[n + i] = 0f;
                    isTargetStream[n + i] = true;
                }
                network.Forward(acts, rows);

                // Output delta: cross-entropy on the labeled half, the entropy term on the target half.
                var probabilities = acts[^1];
                double batchLabelLoss = 0;
                for (var i = 0; i < n; i++)
                {
                    var label = labels[order[start + i]];
                    batchLabelLoss -= Math.Log(Math.Max(probabilities[i * classes + label], 1e-30f));
                    for (var k = 0; k < classes; k++)
                        delta[i * classes + k] = (probabilities[i * classes + k] - (k == label ? 1f : 0f)) / n;
                }
                for (var i = n; i < rows; i++)
                {
                    var p = probabilities.AsSpan(i * classes, classes);
                    var entropy = Entropy(p);
                    for (var k = 0; k < classes; k++)
                        // dH/dz_k = −p_k (ln p_k + H)
                        delta[i * classes + k] = options.EntropyWeight == 0 ? 0f
                            : (float)(-options.EntropyWeight * p[k] * (Math.Log(Math.Max(p[k], 1e-30f)) + entropy) / n);
                }
                labelLoss += batchLabelLoss / n;

                // The discriminator on the adapter's output (acts[1]), then the reversed gradient into the adapter.
                Array.Copy(acts[1], dActs[0], rows * options.Hidden);
                discriminator.Forward(dActs, rows);
                double batchDomainLoss = 0;
                for (var i = 0; i < rows; i++)
                {
                    var z = dActs[^1][i];
                    var s = Sigmoid(z);
                    batchDomainLoss += domain[i] > 0 ? Softplus(-z) : Softplus(z);
                    dDelta[i] = (float)((s - domain[i]) / rows);
                }
                domainLoss += batchDomainLoss / rows;
                foreach (var g in dGradW) Array.Clear(g);
                foreach (var g in dGradB) Array.Clear(g);
                discriminator.Propagate(dActs, rows, 0, dGradW, dGradB, dDelta, dDeltaPrev, inputGradient: reversed);
                System.Numerics.Tensors.TensorPrimitives.Multiply(reversed.AsSpan(0, rows * options.Hidden), (float)-lambda, reversed.AsSpan(0, rows * options.Hidden));

                foreach (var g in gradW) Array.Clear(g);
                foreach (var g in gradB) Array.Clear(g);
                network.Propagate(acts, rows, 0, gradW, gradB, delta, deltaPrev, hiddenGradients);
                networkStep.Step(gradW, gradB);
                discriminatorStep.Step(dGradW, dGradB);
            }

            var (domainAccuracy, sourceAccuracy, targetEntropy) = Evaluate(network, discriminator, labeled, labels, sourceSample, unlabeled, targetSample);
            var record = new DannEpoch(epoch, options.Epochs, lambda, labelLoss / stepsPerEpoch, domainLoss / stepsPerEpoch, domainAccuracy, sourceAccuracy, targetEntropy);
            if (!double.IsFinite(record.LabelLoss) || !double.IsFinite(record.DomainLoss))
                throw new UserInputException($"DANN diverged in epoch {epoch} (its losses are no longer finite numbers) on {d} features: " +
                    "try another method, or features on a tamer scale (dense embeddings).");
            history.Add(record);
            progress?.Report(record);
        }
        var epochs = history.Select(h => new MlpEpoch(h.Epoch, h.Epochs, h.LabelLoss, null, null, false)).ToList();
        return new DannModel(new MlpModel(targetMean, targetInverse, network, epochs), sourceMean, sourceInverse, history);
    }

    /// <summary>Up to <see cref="SampleRows"/> row indices of <paramref name="count"/>, drawn without replacement, in order.</summary>
    private static int[] Sample(int count, Random random)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        if (count <= SampleRows) return rows;
        random.Shuffle(rows);
        return rows[..SampleRows].Order().ToArray();
    }

    /// <summary>The discriminator's balanced accuracy, the source accuracy and the mean target entropy on the samples.</summary>
    private static (double Domain, double Source, double Entropy) Evaluate(MlpNetwork network, MlpNetwork discriminator, float[][] labeled, int[] labels,
        int[] sourceSample, float[][] unlabeled, int[] targetSample)
    {
        var acts = network.NewActivations(1);
        var dActs = discriminator.NewActivations(1);
        int sourceRight = 0, labelRight = 0, targetRight = 0;
        double entropy = 0;
        foreach (var r in sourceSample)
        {
            labeled[r].CopyTo(acts[0], 0);
            network.Forward(acts, 1);
            if (HeadOnRows.ArgMax(acts[^1]) == labels[r]) labelRight++;
            acts[1].CopyTo(dActs[0], 0);
            discriminator.Forward(dActs, 1);
            if (dActs[^1][0] > 0) sourceRight++;
        }
        foreach (var r in targetSample)
        {
            unlabeled[r].CopyTo(acts[0], 0);
            network.Forward(acts, 1);
            entropy += Entropy(acts[^1]);
            acts[1].CopyTo(dActs[0], 0);
            discriminator.Forward(dActs, 1);
            if (dActs[^1][0] <= 0) targetRight++;
        }
        var domainAccuracy = ((double)sourceRight / sourceSample.Length + (double)targetRight / targetSample.Length) / 2;
        return (domainAccuracy, (double)labelRight / sourceSample.Length, entropy / targetSample.Length);
    }

    private static double Entropy(ReadOnlySpan<float> p)
    {
        double h = 0;
        foreach (var v in p)
            if (v > 0) h -= v * Math.Log(v);
        return h;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>ln(1 + e^z), stable for large |z|.</summary>
    private static double Softplus(double z) => z > 30 ? z : double.LogP1(Math.Exp(z));
}
