using Google.Protobuf;
using MlNetTransfer.Backbones;
using Onnx;

namespace MlNetTransfer.Tests.FineTuning;

/// <summary>Small ONNX graphs of ResNet-style operators (NCHW, what ORT runs as the reference) from a cut input "x" [N, 3, 6, 6] to "emb".</summary>
internal sealed class SyntheticStage
{
    public const string Input = "x";
    public const string Output = "emb";
    public static readonly CutPoint Cut = new(Input, 3, 6, 6);
    private readonly GraphProto _graph = new() { Name = "synthetic" };
    private readonly Random _random;
    private int _names;

    public SyntheticStage(int seed) => _random = new Random(seed);

    private float Normal(double std) => (float)(std * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));

    private string Init(long[] dims, Func<float> value)
    {
        var name = $"p{_names++}";
        var count = (int)dims.Aggregate(1L, (a, b) => a * b);
        _graph.Initializer.Add(OnnxGraphs.FloatConstant(name, Enumerable.Range(0, count).Select(_ => value()).ToArray(), dims));
        return name;
    }

    private string Add(string op, string[] inputs, params AttributeProto[] attributes)
    {
        var output = $"t{_names++}";
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public string Conv(string x, int c, int o, int k, int stride, long[] pads) =>
        Add("Conv", [x, Init([o, c, k, k], () => Normal(Math.Sqrt(2.0 / (c * k * k))))], Ints("kernel_shape", k, k), Ints("strides", stride, stride), Ints("pads", pads));

    public string BatchNorm(string x, int c) =>
        Add("BatchNormalization", [x, Init([c], () => 1 + Normal(0.2)), Init([c], () => Normal(0.2)), Init([c], () => Normal(0.3)), Init([c], () => 0.5f + (float)_random.NextDouble())],
            new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = 1e-5f });

    public string Relu(string x) => Add("Relu", [x]);
    public string Sum(string a, string b) => Add("Add", [a, b]);
    public string Op(string op, string x) => Add(op, [x]);

    /// <summary>AveragePool over the whole <paramref name="size"/>² image, Flatten to "emb" [N, channels]; the model.</summary>
    public ModelProto Finish(string x, int size, int channels)
    {
        var pooled = Add("AveragePool", [x], Ints("kernel_shape", size, size));
        var flat = new NodeProto { OpType = "Flatten", Name = "flatten" };
        flat.Input.Add(pooled);
        flat.Output.Add(Output);
        flat.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        _graph.Node.Add(flat);
        var input = new TensorShapeProto();
        foreach (var d in new long[] { 0, 3, 6, 6 }) input.Dim.Add(d == 0 ? new TensorShapeProto.Types.Dimension { DimParam = "batch" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        _graph.Input.Add(new ValueInfoProto { Name = Input, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = input } } });
        _graph.Output.Add(OnnxGraphs.BatchOfVectors(Output, channels));
        return OnnxGraphs.GeneratedModel(_graph);
    }

    /// <summary>The graphs the tests differentiate, by name: each operator alone and in the combinations the stage has.</summary>
    public static ModelProto Build(string name, int seed = 1)
    {
        var s = new SyntheticStage(seed);
        switch (name)
        {
            case "conv 3x3 stride 2, pads 1,1,0,0 (dX through a second conv)":
                return s.Finish(s.Conv(s.Conv(Input, 3, 3, 3, 1, [1, 1, 1, 1]), 3, 4, 3, 2, [1, 1, 0, 0]), 3, 4);
            case "conv 1x1 stride 2 (dX through a second conv)":
                return s.Finish(s.Conv(s.Conv(Input, 3, 3, 3, 1, [1, 1, 1, 1]), 3, 4, 1, 2, [0, 0, 0, 0]), 3, 4);
            case "batch norm":
                return s.Finish(s.BatchNorm(s.Conv(Input, 3, 4, 3, 1, [1, 1, 1, 1]), 4), 6, 4);
            case "relu":
                return s.Finish(s.Relu(s.Conv(Input, 3, 4, 3, 1, [1, 1, 1, 1])), 6, 4);
            case "add (a tensor read twice)":
            {
                var a = s.Conv(Input, 3, 4, 3, 1, [1, 1, 1, 1]);
                return s.Finish(s.Sum(s.Conv(a, 4, 4, 3, 1, [1, 1, 1, 1]), a), 6, 4);
            }
            case "basic block with a stride-2 shortcut":
            {
                var main = s.BatchNorm(s.Conv(s.Relu(s.BatchNorm(s.Conv(Input, 3, 4, 3, 2, [1, 1, 0, 0]), 4)), 4, 4, 3, 1, [1, 1, 1, 1]), 4);
                var shortcut = s.BatchNorm(s.Conv(Input, 3, 4, 1, 2, [0, 0, 0, 0]), 4);
                var first = s.Relu(s.Sum(main, shortcut));
                var second = s.Relu(s.Sum(s.BatchNorm(s.Conv(s.Relu(s.BatchNorm(s.Conv(first, 4, 4, 3, 1, [1, 1, 1, 1]), 4)), 4, 4, 3, 1, [1, 1, 1, 1]), 4), first));
                return s.Finish(second, 3, 4);
            }
            default:
                throw new ArgumentException(name);
        }
    }

    public static readonly string[] Names =
    [
        "conv 3x3 stride 2, pads 1,1,0,0 (dX through a second conv)", "conv 1x1 stride 2 (dX through a second conv)", "batch norm", "relu",
        "add (a tensor read twice)", "basic block with a stride-2 shortcut",
    ];

    public static byte[] Bytes(ModelProto model) => model.ToByteArray();
}
