using MlNetTransfer.Backbones;
using Onnx;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// The trainable part of an image backbone: the nodes of its ONNX graph from a <see cref="CutPoint"/> to the embedding,
/// as <see cref="StageOp"/>s in graph order, with every tensor's shape (channels, height, width) and the initializers
/// they read. <see cref="Read"/> refuses, by name, an operator the manifest does not list or the generator does not support.
/// </summary>
internal sealed class StageGraph
{
    /// <summary>The operator types <see cref="GradientGraphs"/> can differentiate.</summary>
    public static readonly IReadOnlyList<string> SupportedOps = ["Conv", "BatchNormalization", "Relu", "Add", "AveragePool", "Flatten"];

    private StageGraph(CutPoint cut, string output, List<StageOp> ops, Dictionary<string, (int C, int H, int W)> shapes, Dictionary<string, TensorProto> initializers)
    {
        Cut = cut;
        Output = output;
        Ops = ops;
        Shapes = shapes;
        Initializers = initializers;
    }

    /// <summary>The cut: the stage's input tensor, NCHW.</summary>
    public CutPoint Cut { get; }
    /// <summary>The embedding tensor the stage ends with, [N, <see cref="EmbeddingSize"/>].</summary>
    public string Output { get; }
    /// <summary>The operators in graph (topological) order.</summary>
    public IReadOnlyList<StageOp> Ops { get; }
    /// <summary>Channels, height and width of every tensor of the stage (a flattened one has height and width 1).</summary>
    public IReadOnlyDictionary<string, (int C, int H, int W)> Shapes { get; }
    /// <summary>The initializers the stage reads, by name.</summary>
    public IReadOnlyDictionary<string, TensorProto> Initializers { get; }
    /// <summary>Values of the embedding.</summary>
    public int EmbeddingSize => Shapes[Output].C;

    /// <summary>
    /// Reads the nodes of <paramref name="model"/> that depend on <paramref name="cut"/>'s tensor, up to <paramref name="output"/>.
    /// A <see cref="UserInputException"/> naming the backbone and the node when an operator is not in <paramref name="allowedOps"/>
    /// (the manifest's list) or not in <see cref="SupportedOps"/>, when an attribute is outside what the generator handles
    /// (grouped or dilated Conv, a Conv bias, a pool that is not global), or when the cut does not lead to the output.
    /// </summary>
    public static StageGraph Read(ModelProto model, CutPoint cut, string output, IReadOnlyList<string> allowedOps, string backbone)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var shapes = new Dictionary<string, (int C, int H, int W)>(StringComparer.Ordinal) { [cut.Tensor] = (cut.Channels, cut.Height, cut.Width) };
        var ops = new List<StageOp>();
        var used = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        string Where(NodeProto n) => $"backbone '{backbone}', node '{n.Name}' ({n.OpType})";
        foreach (var node in graph.Node)
        {
            if (!node.Input.Any(shapes.ContainsKey)) continue;
            if (!allowedOps.Contains(node.OpType, StringComparer.Ordinal))
                throw new UserInputException($"Cannot fine-tune {Where(node)}: operator '{node.OpType}' is not among the manifest's fineTuning.ops ({string.Join(", ", allowedOps)}).");
            if (!SupportedOps.Contains(node.OpType, StringComparer.Ordinal))
                throw new UserInputException($"Cannot fine-tune {Where(node)}: the gradient generator does not support operator '{node.OpType}' (it supports {string.Join(", ", SupportedOps)}).");
            foreach (var input in node.Input.Where(i => i.Length > 0 && !shapes.ContainsKey(i)))
            {
                if (!initializers.TryGetValue(input, out var init))
                    throw new UserInputException($"Cannot fine-tune {Where(node)}: it reads '{input}', computed before the cut '{cut.Tensor}' by another path.");
                used[input] = init;
            }
            var op = Parse(node, shapes, initializers, Where(node));
            ops.Add(op);
        }
        if (!shapes.ContainsKey(output))
            throw new UserInputException($"Cannot fine-tune backbone '{backbone}': its output '{output}' does not depend on the cut '{cut.Tensor}'.");
        if (shapes[output] is not (_, 1, 1))
            throw new UserInputException($"Cannot fine-tune backbone '{backbone}': its output '{output}' is not pooled to one value per channel (shape [{shapes[output]}]).");
        return new StageGraph(cut, output, ops, shapes, used);
    }

    private static StageOp Parse(NodeProto node, Dictionary<string, (int C, int H, int W)> shapes, Dictionary<string, TensorProto> initializers, string where)
    {
        long[] Ints(string name, long[] fallback) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints is { Count: > 0 } v ? v.ToArray() : fallback;
        var input = node.Input[0];
        var (c, h, w) = shapes.TryGetValue(input, out var s) ? s : throw new UserInputException($"Cannot fine-tune {where}: its first input '{input}' is a constant.");
        var output = node.Output[0];
        switch (node.OpType)
        {
            case "Conv":
            {
                var autoPad = node.Attribute.FirstOrDefault(a => a.Name == "auto_pad")?.S.ToStringUtf8() ?? "NOTSET";
                var group = node.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1;
                if (autoPad is not ("NOTSET" or "") || group != 1 || Ints("dilations", [1, 1]).Any(d => d != 1) || node.Input.Count > 2 && node.Input[2].Length > 0)
                    throw new UserInputException($"Cannot fine-tune {where}: only Conv without bias, auto_pad, groups or dilation is supported.");
                if (!initializers.TryGetValue(node.Input[1], out var weight) || weight.Dims.Count != 4 || weight.Dims[1] != c)
                    throw new UserInputException($"Cannot fine-tune {where}: its weights are not a constant [O, {c}, Kh, Kw] tensor.");
                var strides = Ints("strides", [1, 1]);
                var pads = Ints("pads", [0, 0, 0, 0]);
                var conv = new ConvOp(input, output, weight.Name, (int)weight.Dims[2], (int)weight.Dims[3], (int)strides[0], (int)strides[1],
                    (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
                var outH = (h + conv.PadTop + conv.PadBottom - conv.Kh) / conv.StrideH + 1;
                var outW = (w + conv.PadLeft + conv.PadRight - conv.Kw) / conv.StrideW + 1;
                shapes[output] = ((int)weight.Dims[0], outH, outW);
                return conv;
            }
            case "BatchNormalization":
                if (node.Output.Skip(1).Any(o => o.Length > 0))
                    throw new UserInputException($"Cannot fine-tune {where}: it is in training mode (it has running-statistics outputs).");
                shapes[output] = (c, h, w);
                return new BatchNormOp(input, output, node.Input[1], node.Input[2], node.Input[3], node.Input[4],
                    node.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f);
            case "Relu":
                shapes[output] = (c, h, w);
                return new ReluOp(input, output);
            case "Add":
                if (!shapes.TryGetValue(node.Input[1], out var other) || other != (c, h, w))
                    throw new UserInputException($"Cannot fine-tune {where}: only the Add of two stage tensors of the same shape is supported.");
                shapes[output] = (c, h, w);
                return new AddOp(input, node.Input[1], output);
            case "AveragePool":
                var kernel = Ints("kernel_shape", []);
                if (kernel.Length != 2 || kernel[0] != h || kernel[1] != w || Ints("pads", [0, 0, 0, 0]).Any(p => p != 0))
                    throw new UserInputException($"Cannot fine-tune {where}: only an AveragePool over the whole {h}x{w} image, without pads, is supported.");
                shapes[output] = (c, 1, 1);
                return new GlobalPoolOp(input, output);
            default: // Flatten
                if ((h, w) != (1, 1)) throw new UserInputException($"Cannot fine-tune {where}: only Flatten of a pooled [N, C, 1, 1] tensor is supported.");
                shapes[output] = (c, 1, 1);
                return new FlattenOp(input, output);
        }
    }
}
