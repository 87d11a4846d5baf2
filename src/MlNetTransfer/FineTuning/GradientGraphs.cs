using MlNetTransfer.Backbones;
using Onnx;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// Generates the ONNX graphs that train a <see cref="StageGraph"/> with ONNX Runtime (opset 13, float or double):
/// <see cref="Forward"/> (cut activations -> embedding) and <see cref="TrainStep"/> (cut activations, targets -> the
/// loss of stage + MLP head and the gradient of every trainable tensor). Trainable tensors are graph inputs, so one
/// session serves every step while the optimiser updates them in place.
/// <para>
/// Generated names start with <c>ft</c>, so they do not meet the backbone's own tensor names, which the stage keeps.
/// Tensors are channels-last, [N, H·W, C]. A Conv is one im2col <c>Gather</c> from its input padded with one zero
/// position (index H·W stands for a padded pixel) and one <c>MatMul</c> with its weight [Kh·Kw·C, O]. Backward rules:
/// Conv dW = colᵀ·g (<c>Gemm</c> transA), dX = the same kind of gather from the output gradient (the positions each input
/// pixel fed) times the weight transposed per kernel offset, which is the transposed convolution; BatchNormalization with
/// frozen statistics y = x·a + (β - μ·a), a = γ/√(σ²+ε): dX = g·a, dγ = Σ g·x̂, dβ = Σ g; Relu dX = Where(y &gt; 0, g, 0);
/// Add passes g to both inputs (gradients of a tensor read twice are summed); the global AveragePool spreads g/(H·W);
/// the head's Gemm/Relu/dropout mask and softmax cross-entropy (d logits = p·Σt - t, t the row-weighted one-hot targets).
/// </para>
/// </summary>
internal static class GradientGraphs
{
    /// <summary>Input: cut activations, [N, C·H·W] NCHW-flattened, as the trunk writes them.</summary>
    public const string CutInput = "ft_cut";
    /// <summary>Output of <see cref="Forward"/>: [N, E].</summary>
    public const string Embedding = "ft_embedding";
    /// <summary>Input of <see cref="TrainStep"/>: [N, classes], row i = one-hot(label i) · weight i, weights summing to 1 over the batch.</summary>
    public const string Targets = "ft_targets";
    /// <summary>Output of <see cref="TrainStep"/>: scalar Σ_i -Σ_k t_ik · log p_ik (the weighted mean cross-entropy).</summary>
    public const string Loss = "ft_loss";
    /// <summary>Input: the head's standardisation mean, [E].</summary>
    public const string HeadMean = "ft_head_mean";
    /// <summary>Input: the head's standardisation 1/std, [E].</summary>
    public const string HeadInverseStd = "ft_head_inverse_std";

    /// <summary>Input: the head's layer-<paramref name="l"/> weights [in, out].</summary>
    public static string HeadWeight(int l) => $"ft_head_w{l}";
    /// <summary>Input: the head's layer-<paramref name="l"/> biases [out].</summary>
    public static string HeadBias(int l) => $"ft_head_b{l}";
    /// <summary>Input: the dropout mask after hidden layer <paramref name="l"/>, [N, units]: 0 (dropped) or 1/(1-p).</summary>
    public static string Mask(int l) => $"ft_head_mask{l}";
    /// <summary>Output: the gradient of the loss with respect to input <paramref name="name"/>, of its shape.</summary>
    public static string Gradient(string name) => "ft_grad_" + name;

    /// <summary>The stage alone: <see cref="CutInput"/> and the trainable tensors -> <see cref="Embedding"/>.</summary>
    public static ModelProto Forward(StageGraph stage, StageParameters parameters, bool isDouble = false)
    {
        var b = new Builder(isDouble);
        EmitStage(b, stage, parameters);
        b.Node("Identity", [stage.Output], Embedding);
        b.Output(Embedding);
        return b.Model("stage_forward");
    }

    /// <summary>
    /// Stage + MLP head (<paramref name="headSizes"/>: embedding width, hidden units…, classes) + loss, and the backward
    /// pass: outputs <see cref="Loss"/>, the gradient of every stage tensor in <paramref name="parameters"/> (BatchNormalization
    /// scales and biases only when <paramref name="trainBatchNorm"/>) and of every head weight and bias.
    /// </summary>
    public static ModelProto TrainStep(StageGraph stage, StageParameters parameters, int[] headSizes, bool trainBatchNorm, bool isDouble = false)
    {
        var b = new Builder(isDouble);
        var saved = EmitStage(b, stage, parameters);
        var layers = headSizes.Length - 1;
        b.Input(HeadMean, [headSizes[0]]);
        b.Input(HeadInverseStd, [headSizes[0]]);
        b.Input(Targets, [-1, headSizes[^1]]);
        var acts = new string[layers];
        var relus = new string[layers];
        acts[0] = b.Node("Mul", [b.Node("Sub", [stage.Output, HeadMean]), HeadInverseStd]);
        var z = "";
        for (var l = 0; l < layers; l++)
        {
            b.Input(HeadWeight(l), [headSizes[l], headSizes[l + 1]]);
            b.Input(HeadBias(l), [headSizes[l + 1]]);
            z = b.Node("Gemm", [acts[l], HeadWeight(l), HeadBias(l)]);
            if (l == layers - 1) break;
            b.Input(Mask(l), [-1, headSizes[l + 1]]);
            relus[l] = b.Node("Relu", [z]);
            acts[l + 1] = b.Node("Mul", [relus[l], Mask(l)]);
        }
        var logp = b.Node("LogSoftmax", [z], null, Builder.Int("axis", 1));
        b.Node("Neg", [b.Node("ReduceSum", [b.Node("Mul", [Targets, logp])], null, Builder.Int("keepdims", 0))], Loss);
        b.Output(Loss);

        var rowWeight = b.Node("ReduceSum", [Targets, b.Int64s([1])], null, Builder.Int("keepdims", 1));
        var dz = b.Node("Sub", [b.Node("Mul", [b.Node("Exp", [logp]), rowWeight]), Targets]);
        string dEmbedding = "";
        for (var l = layers - 1; l >= 0; l--)
        {
            b.Node("Gemm", [acts[l], dz], Gradient(HeadWeight(l)), Builder.Int("transA", 1));
            b.Node("ReduceSum", [dz, b.Int64s([0])], Gradient(HeadBias(l)), Builder.Int("keepdims", 0));
            b.Output(Gradient(HeadWeight(l)));
            b.Output(Gradient(HeadBias(l)));
            var da = b.Node("Gemm", [dz, HeadWeight(l)], null, Builder.Int("transB", 1));
            if (l == 0)
            {
                dEmbedding = b.Node("Mul", [da, HeadInverseStd]);
                break;
            }
            dz = b.Node("Where", [b.Node("Greater", [relus[l - 1], b.Zero]), b.Node("Mul", [da, Mask(l - 1)]), b.Zero]);
        }
        EmitBackward(b, stage, saved, dEmbedding, trainBatchNorm);
        return b.Model("stage_train_step");
    }

    /// <summary>The forward nodes; returns, per operator, the names its backward rule reads.</summary>
    private static Dictionary<StageOp, string[]> EmitStage(Builder b, StageGraph stage, StageParameters parameters)
    {
        var cut = stage.Cut;
        b.Input(CutInput, [-1, cut.Size]);
        foreach (var p in parameters.All) b.Input(p.Name, p.Dims);
        var nchw = b.Node("Reshape", [CutInput, b.Int64s([0, cut.Channels, cut.Height * cut.Width])]);
        b.Node("Transpose", [nchw], cut.Tensor, Builder.Ints("perm", [0, 2, 1]));
        var saved = new Dictionary<StageOp, string[]>();
        foreach (var op in stage.Ops)
        {
            switch (op)
            {
                case ConvOp conv:
                {
                    var (c, h, w) = stage.Shapes[conv.Input];
                    var (_, oh, ow) = stage.Shapes[conv.Output];
                    var padded = b.Node("Pad", [conv.Input, b.Int64s([0, 0, 0, 0, 1, 0])]);
                    var col = b.Node("Gather", [padded, b.Int64s(ForwardIndices(conv, h, w, oh, ow), [oh * ow, conv.Kh * conv.Kw])], null, Builder.Int("axis", 1));
                    var rows = b.Node("Reshape", [col, b.Int64s([0, oh * ow, conv.Kh * conv.Kw * c])]);
                    b.Node("MatMul", [rows, conv.Weight], conv.Output);
                    saved[op] = [rows];
                    break;
                }
                case BatchNormOp bn:
                {
                    var (mean, inverseStd) = Statistics(stage, bn);
                    var meanName = b.Constant(mean, [mean.Length]);
                    var inverseStdName = b.Constant(inverseStd, [inverseStd.Length]);
                    var a = b.Node("Mul", [bn.Scale, inverseStdName]);
                    var shift = b.Node("Sub", [bn.Bias, b.Node("Mul", [meanName, a])]);
                    b.Node("Add", [b.Node("Mul", [bn.Input, a]), shift], bn.Output);
                    saved[op] = [a, meanName, inverseStdName];
                    break;
                }
                case ReluOp relu:
                    b.Node("Relu", [relu.Input], relu.Output);
                    break;
                case AddOp add:
                    b.Node("Add", [add.Left, add.Right], add.Output);
                    break;
                case GlobalPoolOp pool:
                    b.Node("ReduceMean", [pool.Input], pool.Output, Builder.Ints("axes", [1]), Builder.Int("keepdims", 0));
                    break;
                case FlattenOp flatten:
                    b.Node("Identity", [flatten.Input], flatten.Output);
                    break;
            }
        }
        return saved;
    }

    /// <summary>The backward nodes from d loss / d embedding, writing the stage's <see cref="Gradient"/> outputs.</summary>
    private static void EmitBackward(Builder b, StageGraph stage, Dictionary<StageOp, string[]> saved, string dEmbedding, bool trainBatchNorm)
    {
        var grads = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [stage.Output] = [dEmbedding] };
        void Add(string tensor, string gradient)
        {
            if (tensor == stage.Cut.Tensor) return; // the trunk is frozen
            if (!grads.TryGetValue(tensor, out var list)) grads[tensor] = list = [];
            list.Add(gradient);
        }
        foreach (var op in stage.Ops.Reverse())
        {
            if (!grads.TryGetValue(op.Output, out var parts)) continue;
            var g = parts.Count == 1 ? parts[0] : b.Node("Sum", [.. parts]);
            switch (op)
            {
                case ConvOp conv:
                {
                    var (c, h, w) = stage.Shapes[conv.Input];
                    var (o, oh, ow) = stage.Shapes[conv.Output];
                    var kk = conv.Kh * conv.Kw;
                    var rows = b.Node("Reshape", [saved[op][0], b.Int64s([-1, kk * c])]);
                    var gRows = b.Node("Reshape", [g, b.Int64s([-1, o])]);
                    b.Node("Gemm", [rows, gRows], Gradient(conv.Weight), Builder.Int("transA", 1));
                    b.Output(Gradient(conv.Weight));
                    if (conv.Input == stage.Cut.Tensor) break;
                    var padded = b.Node("Pad", [g, b.Int64s([0, 0, 0, 0, 1, 0])]);
                    var col = b.Node("Gather", [padded, b.Int64s(BackwardIndices(conv, h, w, oh, ow), [h * w, kk])], null, Builder.Int("axis", 1));
                    var colRows = b.Node("Reshape", [col, b.Int64s([0, h * w, kk * o])]);
                    var perOffset = b.Node("Reshape", [conv.Weight, b.Int64s([kk, c, o])]);
                    var transposed = b.Node("Reshape", [b.Node("Transpose", [perOffset], null, Builder.Ints("perm", [0, 2, 1])), b.Int64s([kk * o, c])]);
                    Add(conv.Input, b.Node("MatMul", [colRows, transposed]));
                    break;
                }
                case BatchNormOp bn:
                {
                    var (a, mean, inverseStd) = (saved[op][0], saved[op][1], saved[op][2]);
                    Add(bn.Input, b.Node("Mul", [g, a]));
                    if (!trainBatchNorm) break;
                    var xhat = b.Node("Mul", [b.Node("Sub", [bn.Input, mean]), inverseStd]);
                    var axes = b.Int64s([0, 1]);
                    b.Node("ReduceSum", [b.Node("Mul", [g, xhat]), axes], Gradient(bn.Scale), Builder.Int("keepdims", 0));
                    b.Node("ReduceSum", [g, axes], Gradient(bn.Bias), Builder.Int("keepdims", 0));
                    b.Output(Gradient(bn.Scale));
                    b.Output(Gradient(bn.Bias));
                    break;
                }
                case ReluOp relu:
                    Add(relu.Input, b.Node("Where", [b.Node("Greater", [relu.Output, b.Zero]), g, b.Zero]));
                    break;
                case AddOp add:
                    Add(add.Left, g);
                    Add(add.Right, g);
                    break;
                case GlobalPoolOp pool:
                {
                    var (_, h, w) = stage.Shapes[pool.Input];
                    var spread = b.Node("Mul", [b.Node("Unsqueeze", [g, b.Int64s([1])]), b.Constant([1.0 / (h * w)], [])]);
                    Add(pool.Input, b.Node("Expand", [spread, b.Node("Shape", [pool.Input])]));
                    break;
                }
                case FlattenOp flatten:
                    Add(flatten.Input, g);
                    break;
            }
        }
    }

    /// <summary>
    /// im2col of a Conv: for output position (oy, ox) and kernel offset (ky, kx), the input position
    /// (oy·sh - top + ky)·W + (ox·sw - left + kx), or H·W (the zero row) where that falls in the padding. [oh·ow · Kh·Kw].
    /// </summary>
    internal static long[] ForwardIndices(ConvOp conv, int h, int w, int oh, int ow)
    {
        var result = new long[oh * ow * conv.Kh * conv.Kw];
        var i = 0;
        for (var oy = 0; oy < oh; oy++)
            for (var ox = 0; ox < ow; ox++)
                for (var ky = 0; ky < conv.Kh; ky++)
                    for (var kx = 0; kx < conv.Kw; kx++)
                    {
                        int y = oy * conv.StrideH - conv.PadTop + ky, x = ox * conv.StrideW - conv.PadLeft + kx;
                        result[i++] = y >= 0 && y < h && x >= 0 && x < w ? y * w + x : h * w;
                    }
        return result;
    }

    /// <summary>
    /// The transposed gather: for input position (y, x) and kernel offset (ky, kx), the output position (oy, ox) whose
    /// window put (ky, kx) on (y, x), i.e. oy = (y + top - ky) / sh when that divides and is in range, or oh·ow (the zero row). [H·W · Kh·Kw].
    /// </summary>
    internal static long[] BackwardIndices(ConvOp conv, int h, int w, int oh, int ow)
    {
        static int Source(int position, int pad, int k, int stride, int size)
        {
            var n = position + pad - k;
            return n >= 0 && n % stride == 0 && n / stride < size ? n / stride : -1;
        }
        var result = new long[h * w * conv.Kh * conv.Kw];
        var i = 0;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                for (var ky = 0; ky < conv.Kh; ky++)
                    for (var kx = 0; kx < conv.Kw; kx++)
                    {
                        int oy = Source(y, conv.PadTop, ky, conv.StrideH, oh), ox = Source(x, conv.PadLeft, kx, conv.StrideW, ow);
                        result[i++] = oy >= 0 && ox >= 0 ? oy * ow + ox : oh * ow;
                    }
        return result;
    }

    /// <summary>A BatchNormalization's frozen mean and 1/√(var + ε), in double.</summary>
    private static (double[] Mean, double[] InverseStd) Statistics(StageGraph stage, BatchNormOp bn)
    {
        var mean = OnnxGraphs.FloatValues(stage.Initializers[bn.Mean], "fine-tuning").Select(v => (double)v).ToArray();
        var variance = OnnxGraphs.FloatValues(stage.Initializers[bn.Variance], "fine-tuning");
        return (mean, variance.Select(v => 1.0 / Math.Sqrt(v + (double)bn.Epsilon)).ToArray());
    }

    /// <summary>Accumulates nodes, initializers, inputs and outputs of one generated graph of one element type.</summary>
    private sealed class Builder(bool isDouble)
    {
        private readonly GraphProto _graph = new();
        private int _names;
        private string? _zero;
        private TensorProto.Types.DataType Type => isDouble ? TensorProto.Types.DataType.Double : TensorProto.Types.DataType.Float;

        /// <summary>A scalar 0 of the element type.</summary>
        public string Zero => _zero ??= Constant([0.0], []);

        public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
        public static AttributeProto Ints(string name, long[] values)
        {
            var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            attribute.Ints.AddRange(values);
            return attribute;
        }

        /// <summary>Adds a node; its output is <paramref name="output"/> or a fresh name, returned.</summary>
        public string Node(string op, string[] inputs, string? output = null, params AttributeProto[] attributes)
        {
            output ??= $"ft{_names++}_{op}";
            var node = OnnxGraphs.Node(op, inputs, output);
            node.Attribute.AddRange(attributes);
            _graph.Node.Add(node);
            return output;
        }

        /// <summary>An initializer of the element type (values given in double); returns its name.</summary>
        public string Constant(double[] values, long[] dims)
        {
            var name = $"ft_c{_names++}";
            var tensor = new TensorProto { Name = name, DataType = (int)Type };
            tensor.Dims.AddRange(dims);
            if (isDouble) tensor.DoubleData.AddRange(values);
            else tensor.FloatData.AddRange(values.Select(v => (float)v));
            _graph.Initializer.Add(tensor);
            return name;
        }

        /// <summary>An int64 initializer, 1-D unless <paramref name="dims"/> are given; returns its name.</summary>
        public string Int64s(long[] values, long[]? dims = null)
        {
            var name = $"ft_i{_names++}";
            var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            tensor.Dims.AddRange(dims ?? [values.Length]);
            tensor.Int64Data.AddRange(values);
            _graph.Initializer.Add(tensor);
            return name;
        }

        /// <summary>A graph input of the element type; a dim of -1 is the symbolic batch.</summary>
        public void Input(string name, long[] dims)
        {
            var shape = new TensorShapeProto();
            foreach (var d in dims)
                shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = OnnxGraphs.BatchDimension } : new TensorShapeProto.Types.Dimension { DimValue = d });
            _graph.Input.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)Type, Shape = shape } } });
        }

        /// <summary>A graph output of the element type (shape left to inference).</summary>
        public void Output(string name) =>
            _graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)Type } } });

        public ModelProto Model(string name)
        {
            _graph.Name = name;
            return OnnxGraphs.GeneratedModel(_graph);
        }
    }
}
