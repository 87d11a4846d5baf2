namespace MlNetTransfer.Heads;

/// <summary>
/// Trains an <see cref="MlpModel"/> on feature vectors: standardise with the training part's mean/std, mini-batch
/// Adam on a loss + L2, dropout after hidden layers, early stopping on a validation split with the best epoch's weights
/// restored. Classification (<see cref="Train"/>): softmax output, (class-weighted) cross-entropy, a stratified split.
/// Regression (<see cref="TrainRegression"/>): one linear output, squared error on the target standardised with the
/// training part's mean/std (folded back into the model, so predictions are in the target's units), a random split.
/// Deterministic for a given seed (single-threaded).
/// </summary>
public static class MlpTrainer
{
    /// <summary>Trains an MLP classifier; the returned model's <see cref="MlpModel.History"/> lists every epoch run.</summary>
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
        Check(features, labels.Count, options);
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must be in [0, {classes}).");
        var (mean, inverseStd, network, history) = Run(features, new Classification(labels, classes, options.BalanceClasses), options, progress, cancellation);
        return new MlpModel(mean, inverseStd, network, history);
    }

    /// <summary>
    /// Trains an MLP regressor (one linear output, mean squared error on the standardised target); the returned model's
    /// <see cref="MlpModel.History"/> lists every epoch run, with losses in standardised units (1 is the error of always
    /// predicting the mean), and its predictions are in <paramref name="targets"/>' units.
    /// </summary>
    /// <param name="features">[rows][inputs] float; every row as long as the first. Not modified.</param>
    /// <param name="targets">The number to predict for each row; finite.</param>
    /// <param name="options">Network, optimiser and early-stopping settings (<see cref="MlpOptions.BalanceClasses"/> is ignored); <see cref="MlpOptions.Seed"/> makes the result reproducible.</param>
    /// <param name="progress">Told after each epoch (synchronously, on the training thread).</param>
    /// <param name="cancellation">Checked at the start of each epoch.</param>
    /// <returns>The model with the lowest validation loss, or the last epoch's when <see cref="MlpOptions.ValidationFraction"/> is 0 (or there is one row).</returns>
    /// <exception cref="UserInputException"><paramref name="options"/> are invalid (every problem listed), or there are no rows.</exception>
    /// <exception cref="ArgumentException">The row and target counts differ, or a target is not finite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static MlpModel TrainRegression(IReadOnlyList<float[]> features, IReadOnlyList<float> targets, MlpOptions options,
        IProgress<MlpEpoch>? progress = null, CancellationToken cancellation = default)
    {
        Check(features, targets.Count, options);
        if (targets.Any(t => !float.IsFinite(t))) throw new ArgumentException("Regression targets must be finite numbers.");
        var regression = new Regression(targets);
        var (mean, inverseStd, network, history) = Run(features, regression, options, progress, cancellation);
        return new MlpModel(mean, inverseStd, network, history, new MlpTarget(regression.Mean, regression.Std));
    }

    private static void Check(IReadOnlyList<float[]> features, int labels, MlpOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid MLP options: {string.Join("; ", problems)}.");
        if (features.Count != labels) throw new ArgumentException("One label per feature row is needed.");
        if (features.Count == 0) throw new UserInputException("The MLP head needs training examples.");
    }

    /// <summary>
    /// The training loop both tasks share: split, standardise, Adam epochs, early stopping on the validation rows; then,
    /// with <see cref="MlpOptions.Refit"/>, the same seed trains a fresh network on every row (standardised with every
    /// row's statistics) for the number of epochs early stopping chose, and that network is the model.
    /// </summary>
    private static (float[] Mean, float[] InverseStd, MlpNetwork Network, List<MlpEpoch> History) Run(IReadOnlyList<float[]> features,
        Objective objective, MlpOptions options, IProgress<MlpEpoch>? progress, CancellationToken cancellation)
    {
        var random = new Random(options.Seed);
        var (trainRows, validationRows) = objective.Split(options.ValidationFraction, random);
        var history = new List<MlpEpoch>();
        var (mean, inverseStd, network, bestEpoch) = Phase(features, objective, options, trainRows, validationRows, random, options.MaxEpochs,
            refit: false, history, progress, cancellation);
        if (!options.Refit || validationRows.Length == 0 || bestEpoch == 0) return (mean, inverseStd, network, history);

        var all = Enumerable.Range(0, features.Count).ToArray();
        var (allMean, allInverseStd, refitted, _) = Phase(features, objective, options, all, [], new Random(options.Seed), bestEpoch,
            refit: true, history, progress, cancellation);
        return (allMean, allInverseStd, refitted, history);
    }

    /// <summary>
    /// One training run: standardise with <paramref name="trainRows"/>' statistics, then up to <paramref name="epochs"/>
    /// Adam epochs on them; with validation rows, early stopping keeps the best epoch's weights. Returns the model and the
    /// best epoch (0 without validation rows).
    /// </summary>
    private static (float[] Mean, float[] InverseStd, MlpNetwork Network, int BestEpoch) Phase(IReadOnlyList<float[]> features,
        Objective objective, MlpOptions options, int[] trainRows, int[] validationRows, Random random, int epochs, bool refit,
        List<MlpEpoch> history, IProgress<MlpEpoch>? progress, CancellationToken cancellation)
    {
        var inputs = features[0].Length;
        var (mean, inverseStd) = options.Standardize
            ? Standardization(features, trainRows, inputs, options.StdFloor)
            : (new float[inputs], Enumerable.Repeat(1f, inputs).ToArray());
        var x = new float[features.Count][];
        foreach (var row in trainRows.Concat(validationRows))
        {
            x[row] = new float[inputs];
            System.Numerics.Tensors.TensorPrimitives.Subtract(features[row], mean, x[row]);
            System.Numerics.Tensors.TensorPrimitives.Multiply(x[row], inverseStd, x[row]);
        }
        objective.Fit(trainRows);

        int[] sizes = [inputs, .. options.HiddenLayers, objective.Outputs];
        var network = MlpNetwork.Create(sizes, random, objective.Output);
        var adam = new Adam(network, options);
        var batch = Math.Min(options.BatchSize, trainRows.Length);
        var acts = network.NewActivations(batch);
        var widest = sizes.Max();
        var delta = new float[batch * widest];
        var deltaPrev = new float[batch * widest];
        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        objective.Allocate(batch);

        // Epochs before the warm-up ends (MinimumSteps) are not candidates; the last epoch always is.
        var stepsPerEpoch = (trainRows.Length + batch - 1) / batch;
        var firstCandidate = Math.Clamp((options.MinimumSteps + stepsPerEpoch - 1) / stepsPerEpoch, 1, epochs);
        MlpNetwork? best = null;
        var bestEpoch = 0;
        var bestLoss = double.PositiveInfinity;
        var sinceBest = 0;
        for (var epoch = 1; epoch <= epochs; epoch++)
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
                    objective.Load(i, r);
                }
                network.Forward(acts, rows, options.Dropout, random);
                foreach (var g in gradW) Array.Clear(g);
                foreach (var g in gradB) Array.Clear(g);
                var (loss, w) = objective.Backward(network, acts, rows, options.Dropout, gradW, gradB, delta, deltaPrev);
                lossSum += loss * w;
                weightSum += w;
                adam.Step(gradW, gradB);
            }

            double? validationLoss = null, validationAccuracy = null;
            var isBest = false;
            if (validationRows.Length > 0)
            {
                (validationLoss, validationAccuracy) = objective.Evaluate(network, x, validationRows);
                if (epoch >= firstCandidate && validationLoss < bestLoss - 1e-7)
                {
                    bestLoss = validationLoss.Value;
                    best = network.Clone();
                    bestEpoch = epoch;
                    sinceBest = 0;
                    isBest = true;
                }
                else if (epoch >= firstCandidate) sinceBest++;
            }
            var record = new MlpEpoch(epoch, epochs, lossSum / weightSum, validationLoss, validationAccuracy, isBest) { Refit = refit };
            history.Add(record);
            progress?.Report(record);
            if (validationRows.Length > 0 && sinceBest >= options.Patience) break;
        }
        return (mean, inverseStd, best ?? network, bestEpoch);
    }

    /// <summary>What differs between classification and regression: the output, the split, the loss and the validation metric.</summary>
    private abstract class Objective
    {
        /// <summary>Width of the last layer.</summary>
        public abstract int Outputs { get; }
        public abstract MlpOutput Output { get; }
        public abstract (int[] Train, int[] Validation) Split(double fraction, Random random);
        /// <summary>Learns what the loss needs from the training rows (class weights, the target's mean/std).</summary>
        public abstract void Fit(int[] trainRows);
        /// <summary>Batch buffers for up to <paramref name="batch"/> rows.</summary>
        public abstract void Allocate(int batch);
        /// <summary>Puts row <paramref name="row"/>'s target in slot <paramref name="slot"/> of the batch.</summary>
        public abstract void Load(int slot, int row);
        /// <summary>The batch's mean loss (gradients added) and its weight in the epoch's mean.</summary>
        public abstract (double Loss, double Weight) Backward(MlpNetwork network, float[][] acts, int rows, float dropout,
            float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev);
        public abstract (double Loss, double? Accuracy) Evaluate(MlpNetwork network, float[][] x, int[] rows);
    }

    private sealed class Classification(IReadOnlyList<int> labels, int classes, bool balance) : Objective
    {
        private float[] _classWeights = [];
        private int[] _batchLabels = [];
        private float[] _batchWeights = [];

        public override int Outputs => classes;
        public override MlpOutput Output => MlpOutput.Softmax;
        public override (int[] Train, int[] Validation) Split(double fraction, Random random) => StratifiedSplit(labels, classes, fraction, random);
        public override void Fit(int[] trainRows) => _classWeights = ClassWeights(labels, trainRows, classes, balance);

        public override void Allocate(int batch)
        {
            _batchLabels = new int[batch];
            _batchWeights = new float[batch];
        }

        public override void Load(int slot, int row)
        {
            _batchLabels[slot] = labels[row];
            _batchWeights[slot] = _classWeights[labels[row]];
        }

        public override (double Loss, double Weight) Backward(MlpNetwork network, float[][] acts, int rows, float dropout,
            float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev)
        {
            var loss = network.Backward(acts, rows, _batchLabels.AsSpan(0, rows), _batchWeights.AsSpan(0, rows), dropout, gradW, gradB, delta, deltaPrev);
            var w = 0.0;
            for (var i = 0; i < rows; i++) w += _batchWeights[i];
            return (loss, w);
        }

        public override (double Loss, double? Accuracy) Evaluate(MlpNetwork network, float[][] x, int[] rows)
        {
            double loss = 0, weights = 0;
            var correct = 0;
            ForwardInBatches(network, x, rows, (r, p) =>
            {
                var weight = _classWeights[labels[r]];
                loss -= weight * Math.Log(Math.Max(p[labels[r]], 1e-30f));
                weights += weight;
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p) == labels[r]) correct++;
            });
            return (loss / weights, (double)correct / rows.Length);
        }
    }

    /// <summary>Squared error on the target standardised with the training rows' mean and (population) standard deviation.</summary>
    private sealed class Regression(IReadOnlyList<float> targets) : Objective
    {
        private float[] _standardized = [];
        private float[] _batchTargets = [];

        /// <summary>The training rows' mean target.</summary>
        public float Mean { get; private set; }
        /// <summary>The training rows' target standard deviation; 1 when they are all equal.</summary>
        public float Std { get; private set; } = 1f;

        public override int Outputs => 1;
        public override MlpOutput Output => MlpOutput.Linear;
        public override (int[] Train, int[] Validation) Split(double fraction, Random random) => RandomSplit(targets.Count, fraction, random);

        public override void Fit(int[] trainRows)
        {
            double sum = 0, square = 0;
            foreach (var r in trainRows)
            {
                sum += targets[r];
                square += (double)targets[r] * targets[r];
            }
            var mean = sum / trainRows.Length;
            var variance = Math.Max(square / trainRows.Length - mean * mean, 0);
            Mean = (float)mean;
            var std = (float)Math.Sqrt(variance);
            Std = std > 0 && float.IsFinite(std) ? std : 1f;
            _standardized = targets.Select(t => (float)((t - (double)Mean) / Std)).ToArray();
        }

        public override void Allocate(int batch) => _batchTargets = new float[batch];
        public override void Load(int slot, int row) => _batchTargets[slot] = _standardized[row];

        public override (double Loss, double Weight) Backward(MlpNetwork network, float[][] acts, int rows, float dropout,
            float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev) =>
            (network.Backward(acts, rows, _batchTargets.AsSpan(0, rows), dropout, gradW, gradB, delta, deltaPrev), rows);

        public override (double Loss, double? Accuracy) Evaluate(MlpNetwork network, float[][] x, int[] rows)
        {
            double loss = 0;
            ForwardInBatches(network, x, rows, (r, output) =>
            {
                var error = (double)output[0] - _standardized[r];
                loss += error * error;
            });
            return (loss / rows.Length, null);
        }
    }

    /// <summary>
    /// Runs <paramref name="network"/> (no dropout) over <paramref name="rows"/> of <paramref name="x"/> in batches of 64 and
    /// hands each row's output, in row order, to <paramref name="use"/>. Each row's output is the same as a batch of one gives.
    /// </summary>
    private static void ForwardInBatches(MlpNetwork network, float[][] x, int[] rows, RowOutput use)
    {
        const int batch = 64;
        var acts = network.NewActivations(Math.Min(batch, rows.Length));
        var inputs = network.Sizes[0];
        var outputs = network.Sizes[^1];
        for (var start = 0; start < rows.Length; start += batch)
        {
            var n = Math.Min(batch, rows.Length - start);
            for (var i = 0; i < n; i++) x[rows[start + i]].CopyTo(acts[0], i * inputs);
            network.Forward(acts, n);
            for (var i = 0; i < n; i++) use(rows[start + i], acts[^1].AsSpan(i * outputs, outputs));
        }
    }

    /// <summary>A callback given a row index and that row's output.</summary>
    private delegate void RowOutput(int row, ReadOnlySpan<float> output);

    /// <summary>About <paramref name="fraction"/> of the rows, drawn at random, for validation (none when there are fewer than 2 rows).</summary>
    internal static (int[] Train, int[] Validation) RandomSplit(int count, double fraction, Random random)
    {
        var rows = Enumerable.Range(0, count).ToArray();
        random.Shuffle(rows);
        var n = fraction <= 0 || count < 2 ? 0 : Math.Clamp((int)Math.Round(count * fraction), 1, count - 1);
        var validation = rows.Take(n).Order().ToArray();
        var train = rows.Skip(n).Order().ToArray();
        return (train, validation);
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

    /// <summary>
    /// Per-input mean and 1/std of <paramref name="rows"/> (population std); an input's std is raised to
    /// <paramref name="floor"/> times the median of the non-zero stds, and a constant input (variance ≤ 1e-12) is left unscaled.
    /// </summary>
    internal static (float[] Mean, float[] InverseStd) Standardization(IReadOnlyList<float[]> features, int[] rows, int inputs, double floor)
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
        var std = new double[inputs];
        for (var j = 0; j < inputs; j++)
        {
            var mu = mean[j] / rows.Length;
            var variance = Math.Max(square[j] / rows.Length - mu * mu, 0);
            m[j] = (float)mu;
            std[j] = variance > 1e-12 ? Math.Sqrt(variance) : 0;
        }
        var nonZero = std.Where(v => v > 0).Order().ToArray();
        var minimum = nonZero.Length == 0 ? 0 : floor * (nonZero.Length % 2 == 1
            ? nonZero[nonZero.Length / 2]
            : (nonZero[nonZero.Length / 2 - 1] + nonZero[nonZero.Length / 2]) / 2);
        var inverse = new float[inputs];
        for (var j = 0; j < inputs; j++) inverse[j] = std[j] > 0 ? (float)(1 / Math.Max(std[j], minimum)) : 1f;
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
    internal sealed class Adam(MlpNetwork network, MlpOptions options)
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
                Update(network.Weights[l], gradW[l], _mW[l], _vW[l], rate, epsilon, options.Beta1, options.Beta2);
                Update(network.Biases[l], gradB[l], _mB[l], _vB[l], rate, epsilon, options.Beta1, options.Beta2);
            }
        }

        /// <summary>
        /// One Adam update of <paramref name="parameters"/> in place: m, v = running means of g and g²; p -= rate·m/(√v + ε).
        /// <paramref name="rate"/> and <paramref name="epsilon"/> already carry the bias correction of step t (as <see cref="Step"/> computes them).
        /// </summary>
        internal static void Update(Span<float> parameters, ReadOnlySpan<float> gradient, float[] m, float[] v, float rate, float epsilon, float b1, float b2)
        {
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
