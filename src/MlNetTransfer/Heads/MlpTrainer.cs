namespace MlNetTransfer.Heads;

/// <summary>
/// Trains an <see cref="MlpModel"/> on feature vectors: standardise with the training part's mean/std, mini-batch
/// Adam on (class-weighted) cross-entropy + L2, dropout after hidden layers, early stopping on a stratified
/// validation split with the best epoch's weights restored. Deterministic for a given seed (single-threaded).
/// </summary>
public static class MlpTrainer
{
    /// <summary>Trains an MLP; the returned model's <see cref="MlpModel.History"/> lists every epoch run.</summary>
    /// <param name="features">[rows][inputs] float; every row as long as the first. Not modified.</param>
    /// <param name="labels">The class index of each row, in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes: the width of the softmax output. A class with no rows is allowed (it gets weight 0 when balancing).</param>
    /// <param name="options">Network, optimiser and early-stopping settings; <see cref="MlpOptions.Seed"/> makes the result reproducible.</param>
    /// <param name="progress">Told after each epoch (synchronously, on the training thread).</param>
    /// <param name="cancellation">Checked at the start of each epoch.</param>
    /// <returns>The model with the lowest validation loss, or the last epoch's when <see cref="MlpOptions.ValidationFraction"/> is 0 (or no class has two rows to split).</returns>
    /// <exception cref="UserInputException"><paramref name="options"/> are invalid (every problem listed), or there are no rows.</exception>
    /// <exception cref="ArgumentException">The row and label counts differ, or a label is outside [0, <paramref name="classes"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static MlpModel Train(IReadOnlyList<float[]> features, IReadOnlyList<int> labels, int classes, MlpOptions options,
        IProgress<MlpEpoch>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid MLP options: {string.Join("; ", problems)}.");
        if (features.Count != labels.Count) throw new ArgumentException("One label per feature row is needed.");
        if (features.Count == 0) throw new UserInputException("The MLP head needs training examples.");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must be in [0, {classes}).");
        var inputs = features[0].Length;
        var random = new Random(options.Seed);

        var (trainRows, validationRows) = StratifiedSplit(labels, classes, options.ValidationFraction, random);
        var (mean, inverseStd) = options.Standardize
            ? Standardization(features, trainRows, inputs)
            : (new float[inputs], Enumerable.Repeat(1f, inputs).ToArray());
        float[] Standardized(int row)
        {
            var x = new float[inputs];
            System.Numerics.Tensors.TensorPrimitives.Subtract(features[row], mean, x);
            System.Numerics.Tensors.TensorPrimitives.Multiply(x, inverseStd, x);
            return x;
        }
        var x = Enumerable.Range(0, features.Count).Select(Standardized).ToArray();
        var classWeights = ClassWeights(labels, trainRows, classes, options.BalanceClasses);

        int[] sizes = [inputs, .. options.HiddenLayers, classes];
        var network = MlpNetwork.Create(sizes, random);
        var adam = new Adam(network, options);
        var batch = Math.Min(options.BatchSize, trainRows.Length);
        var acts = network.NewActivations(batch);
        var widest = sizes.Max();
        var delta = new float[batch * widest];
        var deltaPrev = new float[batch * widest];
        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        var batchLabels = new int[batch];
        var batchWeights = new float[batch];

        var history = new List<MlpEpoch>();
        MlpNetwork? best = null;
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            random.Shuffle(trainRows);
            double lossSum = 0, weightSum = 0;
            for (var start = 0; start < trainRows.Length; start += batch)
            {
                var rows = Math.Min(batch, trainRows.Length - start);
                for (var i = 0; i < rows; i++)
                {
                    var r = trainRows[start + i];
                    x[r].CopyTo(acts[0], i * inputs);
                    batchLabels[i] = labels[r];
                    batchWeights[i] = classWeights[labels[r]];
                }
                network.Forward(acts, rows, options.Dropout, random);
                foreach (var g in gradW) Array.Clear(g);
                foreach (var g in gradB) Array.Clear(g);
                var loss = network.Backward(acts, rows, batchLabels.AsSpan(0, rows), batchWeights.AsSpan(0, rows), options.Dropout, gradW, gradB, delta, deltaPrev);
                var w = 0.0;
                for (var i = 0; i < rows; i++) w += batchWeights[i];
                lossSum += loss * w;
                weightSum += w;
                adam.Step(gradW, gradB);
            }

            double? validationLoss = null, validationAccuracy = null;
            var isBest = false;
            if (validationRows.Length > 0)
            {
                (validationLoss, validationAccuracy) = Evaluate(network, x, labels, validationRows, classWeights);
                if (validationLoss < bestLoss - 1e-7)
                {
                    bestLoss = validationLoss.Value;
                    best = network.Clone();
                    sinceBest = 0;
                    isBest = true;
                }
                else sinceBest++;
            }
            var record = new MlpEpoch(epoch, options.MaxEpochs, lossSum / weightSum, validationLoss, validationAccuracy, isBest);
            history.Add(record);
            progress?.Report(record);
            if (validationRows.Length > 0 && sinceBest >= options.Patience) break;
        }
        return new MlpModel(mean, inverseStd, best ?? network, history);
    }

    private static (double Loss, double Accuracy) Evaluate(MlpNetwork network, float[][] x, IReadOnlyList<int> labels, int[] rows, float[] classWeights)
    {
        var acts = network.NewActivations(1);
        double loss = 0, weights = 0;
        var correct = 0;
        var classes = network.Sizes[^1];
        foreach (var r in rows)
        {
            x[r].CopyTo(acts[0], 0);
            network.Forward(acts, 1);
            var p = acts[^1];
            var weight = classWeights[labels[r]];
            loss -= weight * Math.Log(Math.Max(p[labels[r]], 1e-30f));
            weights += weight;
            if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p.AsSpan(0, classes)) == labels[r]) correct++;
        }
        return (loss / weights, (double)correct / rows.Length);
    }

    /// <summary>Each class keeps about <paramref name="fraction"/> of its rows for validation (none for a class with fewer than 2).</summary>
    internal static (int[] Train, int[] Validation) StratifiedSplit(IReadOnlyList<int> labels, int classes, double fraction, Random random)
    {
        var train = new List<int>();
        var validation = new List<int>();
        for (var c = 0; c < classes; c++)
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == c).ToArray();
            random.Shuffle(rows);
            var n = fraction <= 0 || rows.Length < 2 ? 0 : Math.Clamp((int)Math.Round(rows.Length * fraction), 1, rows.Length - 1);
            validation.AddRange(rows.Take(n));
            train.AddRange(rows.Skip(n));
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }

    private static (float[] Mean, float[] InverseStd) Standardization(IReadOnlyList<float[]> features, int[] rows, int inputs)
    {
        var mean = new double[inputs];
        var square = new double[inputs];
        foreach (var r in rows)
            for (var j = 0; j < inputs; j++)
            {
                mean[j] += features[r][j];
                square[j] += (double)features[r][j] * features[r][j];
            }
        var m = new float[inputs];
        var inverse = new float[inputs];
        for (var j = 0; j < inputs; j++)
        {
            var mu = mean[j] / rows.Length;
            var variance = Math.Max(square[j] / rows.Length - mu * mu, 0);
            m[j] = (float)mu;
            inverse[j] = variance > 1e-12 ? (float)(1 / Math.Sqrt(variance)) : 1f;
        }
        return (m, inverse);
    }

    private static float[] ClassWeights(IReadOnlyList<int> labels, int[] rows, int classes, bool balance)
    {
        var weights = Enumerable.Repeat(1f, classes).ToArray();
        if (!balance) return weights;
        var counts = new int[classes];
        foreach (var r in rows) counts[labels[r]]++;
        for (var c = 0; c < classes; c++)
            weights[c] = counts[c] == 0 ? 0f : (float)rows.Length / (classes * counts[c]);
        return weights;
    }

    /// <summary>Adam with bias correction; L2 is added to the weight gradients (not the biases) before the update.</summary>
    private sealed class Adam(MlpNetwork network, MlpOptions options)
    {
        private readonly float[][] _mW = network.Weights.Select(w => new float[w.Length]).ToArray();
        private readonly float[][] _vW = network.Weights.Select(w => new float[w.Length]).ToArray();
        private readonly float[][] _mB = network.Biases.Select(b => new float[b.Length]).ToArray();
        private readonly float[][] _vB = network.Biases.Select(b => new float[b.Length]).ToArray();
        private int _t;

        public void Step(float[][] gradW, float[][] gradB)
        {
            _t++;
            var c1 = 1 - Math.Pow(options.Beta1, _t);
            var c2 = 1 - Math.Pow(options.Beta2, _t);
            var rate = (float)(options.LearningRate * Math.Sqrt(c2) / c1);
            var epsilon = (float)(options.Epsilon * Math.Sqrt(c2));
            for (var l = 0; l < network.Layers; l++)
            {
                if (options.L2 > 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(network.Weights[l], options.L2, gradW[l], gradW[l]);
                Update(network.Weights[l], gradW[l], _mW[l], _vW[l], rate, epsilon);
                Update(network.Biases[l], gradB[l], _mB[l], _vB[l], rate, epsilon);
            }
        }

        private void Update(float[] parameters, float[] gradient, float[] m, float[] v, float rate, float epsilon)
        {
            float b1 = options.Beta1, b2 = options.Beta2;
            for (var i = 0; i < parameters.Length; i++)
            {
                var g = gradient[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                parameters[i] -= rate * m[i] / (MathF.Sqrt(v[i]) + epsilon);
            }
        }
    }
}
