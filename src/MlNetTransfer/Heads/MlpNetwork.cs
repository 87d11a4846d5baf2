using System.Numerics.Tensors;

namespace MlNetTransfer.Heads;

/// <summary>What the last layer of an <see cref="MlpNetwork"/> gives.</summary>
internal enum MlpOutput
{
    /// <summary>Softmax probabilities, trained on cross-entropy (classification).</summary>
    Softmax,

    /// <summary>The last Gemm's values as they are (no activation), trained on squared error (regression).</summary>
    Linear,
}

/// <summary>
/// The parameters and the batched forward/backward passes of a ReLU multilayer perceptron with a softmax output
/// (classification, cross-entropy) or a linear one (regression, squared error): <see cref="Output"/>.
/// Layer l maps <c>Sizes[l]</c> inputs to <c>Sizes[l+1]</c> outputs; its weights are row-major [in x out] (row j holds
/// input j's weights to every output) so that a batch is <c>X * W + b</c>, the ONNX Gemm the export writes.
/// Inner loops are <see cref="TensorPrimitives"/> (SIMD).
/// </summary>
internal sealed class MlpNetwork
{
    public MlpNetwork(int[] sizes, float[][] weights, float[][] biases, MlpOutput output = MlpOutput.Softmax)
    {
        Sizes = sizes;
        Weights = weights;
        Biases = biases;
        Output = output;
    }

    /// <summary>Softmax (classification) or linear (regression) last layer.</summary>
    public MlpOutput Output { get; }

    public int[] Sizes { get; }
    public float[][] Weights { get; }
    public float[][] Biases { get; }
    public int Layers => Sizes.Length - 1;

    /// <summary>He-normal weights, zero biases.</summary>
    public static MlpNetwork Create(int[] sizes, Random random, MlpOutput output = MlpOutput.Softmax)
    {
        var weights = new float[sizes.Length - 1][];
        var biases = new float[sizes.Length - 1][];
        for (var l = 0; l < sizes.Length - 1; l++)
        {
            var std = Math.Sqrt(2.0 / sizes[l]);
            weights[l] = new float[sizes[l] * sizes[l + 1]];
            for (var i = 0; i < weights[l].Length; i++) weights[l][i] = (float)(std * Gaussian(random));
            biases[l] = new float[sizes[l + 1]];
        }
        return new MlpNetwork(sizes, weights, biases, output);
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public MlpNetwork Clone() => new(Sizes, Weights.Select(w => (float[])w.Clone()).ToArray(), Biases.Select(b => (float[])b.Clone()).ToArray(), Output);

    /// <summary>Buffers for a batch of up to <paramref name="rows"/> rows: activations per layer (index 0 is the input).</summary>
    public float[][] NewActivations(int rows) => Sizes.Select(s => new float[rows * s]).ToArray();

    /// <summary>
    /// Forward pass over <paramref name="rows"/> rows already in <c>acts[0]</c>. Hidden layers apply ReLU and, when
    /// <paramref name="dropout"/> &gt; 0 and a random source is given, inverted dropout. The last layer holds softmax
    /// probabilities (<see cref="MlpOutput.Softmax"/>) or the last Gemm's values (<see cref="MlpOutput.Linear"/>).
    /// </summary>
    public void Forward(float[][] acts, int rows, float dropout = 0, Random? random = null)
    {
        for (var l = 0; l < Layers; l++)
        {
            int inner = Sizes[l], cols = Sizes[l + 1];
            var input = acts[l];
            var output = acts[l + 1];
            var w = Weights[l];
            for (var i = 0; i < rows; i++) Biases[l].CopyTo(output.AsSpan(i * cols, cols));
            // Input-major: each weight row is read once per batch while the batch's outputs stay in cache; every output
            // still sums its inputs in index order, so the result does not depend on the batch size.
            for (var j = 0; j < inner; j++)
            {
                var wj = w.AsSpan(j * cols, cols);
                for (var i = 0; i < rows; i++)
                {
                    var xij = input[i * inner + j];
                    if (xij != 0) TensorPrimitives.MultiplyAdd(wj, xij, output.AsSpan(i * cols, cols), output.AsSpan(i * cols, cols));
                }
            }
            for (var i = 0; i < rows; i++)
            {
                var o = output.AsSpan(i * cols, cols);
                if (l < Layers - 1)
                {
                    TensorPrimitives.Max(o, 0f, o);
                    if (dropout > 0 && random is not null)
                    {
                        var keep = 1f / (1f - dropout);
                        for (var k = 0; k < cols; k++) o[k] = random.NextSingle() < dropout ? 0f : o[k] * keep;
                    }
                }
                else if (Output == MlpOutput.Softmax)
                {
                    TensorPrimitives.SoftMax(o, o);
                }
            }
        }
    }

    /// <summary>
    /// Backward pass after <see cref="Forward"/> of a <see cref="MlpOutput.Softmax"/> network: adds to
    /// <paramref name="gradW"/>/<paramref name="gradB"/> the gradient of
    /// the weighted mean cross-entropy <c>sum_i w_i * -ln p_i[y_i] / sum_i w_i</c> (plus nothing for L2; the trainer adds it)
    /// and returns that loss. <paramref name="delta"/> and <paramref name="deltaPrev"/> are scratch of at least rows * max(size).
    /// </summary>
    public double Backward(float[][] acts, int rows, ReadOnlySpan<int> labels, ReadOnlySpan<float> rowWeights, float dropout,
        float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev)
    {
        if (Output != MlpOutput.Softmax) throw new InvalidOperationException("Class labels need a softmax output.");
        int classes = Sizes[^1];
        double weightSum = 0;
        for (var i = 0; i < rows; i++) weightSum += rowWeights[i];
        double loss = 0;
        var probabilities = acts[Layers];
        for (var i = 0; i < rows; i++)
        {
            var scale = (float)(rowWeights[i] / weightSum);
            loss -= rowWeights[i] * Math.Log(Math.Max(probabilities[i * classes + labels[i]], 1e-30f));
            for (var k = 0; k < classes; k++)
                delta[i * classes + k] = (probabilities[i * classes + k] - (k == labels[i] ? 1f : 0f)) * scale;
        }
        Propagate(acts, rows, dropout, gradW, gradB, delta, deltaPrev);
        return loss / weightSum;
    }

    /// <summary>
    /// Backward pass after <see cref="Forward"/> of a <see cref="MlpOutput.Linear"/> network with one output: adds to
    /// <paramref name="gradW"/>/<paramref name="gradB"/> the gradient of the mean squared error
    /// <c>sum_i (out_i - t_i)² / rows</c> (plus nothing for L2; the trainer adds it) and returns that loss.
    /// <paramref name="delta"/> and <paramref name="deltaPrev"/> are scratch of at least rows * max(size).
    /// </summary>
    public double Backward(float[][] acts, int rows, ReadOnlySpan<float> targets, float dropout,
        float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev)
    {
        if (Output != MlpOutput.Linear || Sizes[^1] != 1) throw new InvalidOperationException("Numeric targets need one linear output.");
        double loss = 0;
        var outputs = acts[Layers];
        var scale = 2f / rows;
        for (var i = 0; i < rows; i++)
        {
            var error = outputs[i] - targets[i];
            loss += (double)error * error;
            delta[i] = error * scale;
        }
        Propagate(acts, rows, dropout, gradW, gradB, delta, deltaPrev);
        return loss / rows;
    }

    /// <summary>
    /// Back-propagates <paramref name="delta"/> (d loss / d last pre-activation, [rows x outputs]) through every layer into
    /// the gradients (added). Optional, for networks trained as parts of a larger one (DANN): <paramref name="activationGradients"/>[l]
    /// (for hidden layers l = 1 .. Layers - 1; null entries or a null array for none) is an extra d loss / d acts[l]
    /// ([rows x Sizes[l]]) added before that layer's ReLU; <paramref name="inputGradient"/> receives d loss / d acts[0]
    /// ([rows x Sizes[0]], overwritten). <paramref name="delta"/> and <paramref name="deltaPrev"/> are scratch of at least rows * max(size).
    /// </summary>
    internal void Propagate(float[][] acts, int rows, float dropout, float[][] gradW, float[][] gradB, float[] delta, float[] deltaPrev,
        float[]?[]? activationGradients = null, float[]? inputGradient = null)
    {
        var keep = dropout > 0 ? 1f / (1f - dropout) : 1f;
        for (var l = Layers - 1; l >= 0; l--)
        {
            int inner = Sizes[l], cols = Sizes[l + 1];
            var input = acts[l];
            var gw = gradW[l];
            var gb = gradB[l].AsSpan();
            for (var i = 0; i < rows; i++) TensorPrimitives.Add(gb, delta.AsSpan(i * cols, cols), gb);
            // Input-major, as in Forward: one gradient row stays in cache while the batch is added into it (rows in order).
            for (var j = 0; j < inner; j++)
            {
                var gj = gw.AsSpan(j * cols, cols);
                for (var i = 0; i < rows; i++)
                {
                    var xij = input[i * inner + j];
                    if (xij != 0) TensorPrimitives.MultiplyAdd(delta.AsSpan(i * cols, cols), xij, gj, gj);
                }
            }
            var w = Weights[l];
            if (l == 0)
            {
                if (inputGradient is not null)
                    for (var j = 0; j < inner; j++)
                    {
                        var wj = w.AsSpan(j * cols, cols);
                        for (var i = 0; i < rows; i++) inputGradient[i * inner + j] = TensorPrimitives.Dot(delta.AsSpan(i * cols, cols), wj);
                    }
                break;
            }
            var extra = activationGradients is null || l >= activationGradients.Length ? null : activationGradients[l];
            for (var j = 0; j < inner; j++)
            {
                var wj = w.AsSpan(j * cols, cols);
                for (var i = 0; i < rows; i++)
                    // d/dz of a dropped-out ReLU: 0 where the unit was off or dropped, 1/(1-p) where it passed.
                    deltaPrev[i * inner + j] = !(input[i * inner + j] > 0) ? 0f
                        : extra is null ? TensorPrimitives.Dot(delta.AsSpan(i * cols, cols), wj) * keep
                        : (TensorPrimitives.Dot(delta.AsSpan(i * cols, cols), wj) + extra[i * inner + j]) * keep;
            }
            Array.Copy(deltaPrev, delta, rows * inner);
        }
    }
}
