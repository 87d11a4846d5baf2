using Google.Protobuf;
using Onnx;
using static MlNetTransfer.Backbones.OnnxGraphs;

namespace MlNetTransfer.Heads;

/// <summary>The target scale of a regression MLP: the network predicts (target - Mean) / Std.</summary>
internal sealed record MlpTarget(float Mean, float Std);

/// <summary>
/// A trained MLP head: input standardisation (mean, 1/std from the training data) followed by the network.
/// <see cref="ToOnnx"/> writes it as a small ONNX graph (Sub, Mul, Gemm, Relu, …, Gemm, Softmax) so a saved ML.NET
/// pipeline applies it with the stock ApplyOnnxModel step. A regression model (<see cref="IsRegression"/>, from
/// <see cref="MlpTrainer.TrainRegression"/>) ends with a linear Gemm of one output and the target's scale instead of the
/// Softmax (… Gemm, Mul std, Add mean), so its one output is in the target's units.
/// </summary>
public sealed class MlpModel
{
    internal MlpModel(float[] mean, float[] inverseStd, MlpNetwork network, IReadOnlyList<MlpEpoch> history, MlpTarget? target = null)
    {
        if ((target is null) != (network.Output == MlpOutput.Softmax)) throw new ArgumentException("A regression model (linear output) needs its target scale, and only it.", nameof(target));
        Mean = mean;
        InverseStd = inverseStd;
        Network = network;
        History = history;
        Target = target;
    }

    /// <summary>Per-input mean subtracted before the network, [<see cref="InputSize"/>] float, from the training (not validation) rows; zeros when <see cref="MlpOptions.Standardize"/> is off. The live array: it is not copied.</summary>
    internal float[] Mean { get; }
    /// <summary>Per-input 1/(population standard deviation), [<see cref="InputSize"/>] float, applied after <see cref="Mean"/>; 1 for an input whose variance is below 1e-12, and everywhere when <see cref="MlpOptions.Standardize"/> is off. The live array: it is not copied.</summary>
    internal float[] InverseStd { get; }
    internal MlpNetwork Network { get; }
    /// <summary>The regression target's mean and standard deviation (the network's output is multiplied by Std, then Mean is added); null for a classifier.</summary>
    internal MlpTarget? Target { get; }

    /// <summary>Whether this is a regression model (one output, in the target's units) rather than a classifier (class probabilities).</summary>
    public bool IsRegression => Target is not null;

    /// <summary>Every epoch trained, in order.</summary>
    public IReadOnlyList<MlpEpoch> History { get; }

    /// <summary>Length of the feature vectors the model takes (the width of its first layer).</summary>
    public int InputSize => Network.Sizes[0];
    /// <summary>Number of classes: the length of each probability vector, slot i being the class labelled i at training; 1 for a regression model (its one output).</summary>
    public int Classes => Network.Sizes[^1];

    /// <summary>
    /// Class probabilities for each row, or for a regression model a one-slot array holding the prediction in the
    /// target's units (in-memory inference, the reference the ONNX export must match).
    /// </summary>
    public float[][] Predict(IReadOnlyList<float[]> rows)
    {
        var result = new float[rows.Count][];
        var acts = Network.NewActivations(1);
        for (var r = 0; r < rows.Count; r++)
        {
            Standardize(rows[r], acts[0]);
            Network.Forward(acts, 1);
            result[r] = (float[])acts[^1].Clone();
            if (Target is { } target) result[r][0] = result[r][0] * target.Std + target.Mean;
        }
        return result;
    }

    internal void Standardize(ReadOnlySpan<float> row, Span<float> destination)
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(row, Mean, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination, InverseStd, destination);
    }

    /// <summary>
    /// The model as ONNX (opset 13): input <paramref name="inputName"/> f32[batch, inputs], output <paramref name="outputName"/>
    /// f32[batch, classes] probabilities, or for a regression model f32[batch, 1] predictions in the target's units.
    /// </summary>
    public ModelProto ToOnnx(string inputName, string outputName)
    {
        var graph = new GraphProto { Name = "mlp_head" };
        graph.Input.Add(BatchOfVectors(inputName, InputSize));
        graph.Output.Add(BatchOfVectors(outputName, Classes));
        graph.Initializer.Add(FloatConstant("mean", Mean, [InputSize]));
        graph.Initializer.Add(FloatConstant("inverse_std", InverseStd, [InputSize]));
        graph.Node.Add(Node("Sub", [inputName, "mean"], "centered"));
        graph.Node.Add(Node("Mul", ["centered", "inverse_std"], "standardized"));
        var current = "standardized";
        for (var l = 0; l < Network.Layers; l++)
        {
            graph.Initializer.Add(FloatConstant($"w{l}", Network.Weights[l], [Network.Sizes[l], Network.Sizes[l + 1]]));
            graph.Initializer.Add(FloatConstant($"b{l}", Network.Biases[l], [Network.Sizes[l + 1]]));
            graph.Node.Add(Node("Gemm", [current, $"w{l}", $"b{l}"], $"z{l}"));
            current = $"z{l}";
            if (l < Network.Layers - 1)
            {
                graph.Node.Add(Node("Relu", [current], $"a{l}"));
                current = $"a{l}";
            }
        }
        if (Target is { } target)
        {
            // The network predicts the standardised target; scale it back: z * std + mean, two float ops as in Predict.
            graph.Initializer.Add(FloatConstant("target_std", [target.Std], [1]));
            graph.Initializer.Add(FloatConstant("target_mean", [target.Mean], [1]));
            graph.Node.Add(Node("Mul", [current, "target_std"], "scaled"));
            graph.Node.Add(Node("Add", ["scaled", "target_mean"], outputName));
        }
        else
        {
            var softmax = Node("Softmax", [current], outputName);
            softmax.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            graph.Node.Add(softmax);
        }
        return GeneratedModel(graph);
    }

    /// <summary>The ONNX bytes of <see cref="ToOnnx"/>.</summary>
    public byte[] ToOnnxBytes(string inputName, string outputName) => ToOnnx(inputName, outputName).ToByteArray();
}
