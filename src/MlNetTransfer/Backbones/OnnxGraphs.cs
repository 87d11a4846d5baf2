using Google.Protobuf;
using Onnx;

namespace MlNetTransfer.Backbones;

/// <summary>
/// ONNX graph surgery: reading tensor signatures, chaining graphs into one, symbolic batch dimension; and the pieces of
/// the small graphs generated at fit time (the MLP head, the PCA projection): <see cref="BatchOfVectors"/>,
/// <see cref="FloatConstant"/>, <see cref="Node"/>, <see cref="GeneratedModel"/>.
/// </summary>
public static class OnnxGraphs
{
    /// <summary>Name of the symbolic batch dimension written into materialised graphs.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Reads an ONNX file; a file that is not ONNX gives a <see cref="UserInputException"/> naming it.</summary>
    public static ModelProto Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"ONNX file '{path}' does not exist.");
        try
        {
            using var stream = File.OpenRead(path);
            var model = ModelProto.Parser.ParseFrom(stream);
            if (model.Graph is null || model.Graph.Node.Count == 0)
                throw new UserInputException($"'{path}' is not an ONNX model (it has no graph).");
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"'{path}' is not an ONNX model: {e.Message}", e);
        }
    }

    /// <summary>Parses ONNX bytes; <paramref name="source"/> names them in the error when they are not ONNX.</summary>
    public static ModelProto Parse(byte[] bytes, string source)
    {
        try
        {
            var model = ModelProto.Parser.ParseFrom(bytes);
            if (model.Graph is null || model.Graph.Node.Count == 0)
                throw new UserInputException($"'{source}' is not an ONNX model (it has no graph).");
            return model;
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserInputException($"'{source}' is not an ONNX model: {e.Message}", e);
        }
    }

    /// <summary>Graph inputs that are not initializers.</summary>
    public static IReadOnlyList<OnnxTensorInfo> Inputs(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Describe).ToList();
    }

    /// <summary>Graph outputs.</summary>
    public static IReadOnlyList<OnnxTensorInfo> Outputs(ModelProto model) => model.Graph.Output.Select(Describe).ToList();

    private static OnnxTensorInfo Describe(ValueInfoProto v)
    {
        var tensor = v.Type?.TensorType;
        var type = tensor is null ? "non-tensor" : ((TensorProto.Types.DataType)tensor.ElemType).ToString().ToLowerInvariant();
        var shape = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue
            ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.IsNullOrEmpty(d.DimParam) ? "?" : d.DimParam).ToList() ?? [];
        return new OnnxTensorInfo(v.Name, type, shape);
    }

    /// <summary>
    /// Chains graphs into one: stage i's output tensor feeds stage i+1's input. Every internal name gets a
    /// per-stage prefix so the graphs cannot collide; the merged graph's input and output are renamed to
    /// <paramref name="inputName"/> and <paramref name="outputName"/>. With <paramref name="flatten"/> a
    /// Flatten(axis=1) makes the output [batch, features]. The batch dimension becomes symbolic.
    /// </summary>
    public static ModelProto Chain(IReadOnlyList<(ModelProto Model, string Input, string Output)> stages, string inputName, string outputName, bool flatten)
    {
        if (stages.Count == 0) throw new ArgumentException("At least one stage is required.", nameof(stages));
        var graph = new GraphProto { Name = outputName };
        string? previousOutput = null;
        for (var s = 0; s < stages.Count; s++)
        {
            var (model, input, output) = stages[s];
            var prefix = $"s{s}_";
            string Rename(string name)
            {
                if (name.Length == 0) return name; // optional input left empty
                if (name == input) return s == 0 ? inputName : previousOutput!;
                if (name == output && s == stages.Count - 1 && !flatten) return outputName;
                return prefix + name;
            }
            var source = model.Graph;
            if (source.Input.All(i => i.Name != input)) throw new InvalidOperationException($"Stage {s} has no input '{input}'.");
            if (source.Output.All(o => o.Name != output)) throw new InvalidOperationException($"Stage {s} has no output '{output}'.");
            foreach (var node in source.Node)
            {
                var copy = node.Clone();
                copy.Name = node.Name.Length == 0 ? "" : prefix + node.Name;
                copy.Input.Clear();
                copy.Input.AddRange(node.Input.Select(Rename));
                copy.Output.Clear();
                copy.Output.AddRange(node.Output.Select(Rename));
                graph.Node.Add(copy);
            }
            foreach (var init in source.Initializer)
            {
                var copy = init.Clone();
                copy.Name = Rename(init.Name);
                graph.Initializer.Add(copy);
            }
            foreach (var info in source.ValueInfo.Concat(source.Output.Where(o => o.Name != output || s < stages.Count - 1 || flatten)))
            {
                if (info.Name == input) continue;
                var copy = info.Clone();
                copy.Name = Rename(info.Name);
                graph.ValueInfo.Add(copy);
            }
            if (s == 0)
            {
                var copy = source.Input.Single(i => i.Name == input).Clone();
                copy.Name = inputName;
                graph.Input.Add(copy);
            }
            if (s == stages.Count - 1)
            {
                var last = source.Output.Single(o => o.Name == output).Clone();
                if (flatten)
                {
                    var flat = new NodeProto { Name = "flatten_embedding", OpType = "Flatten" };
                    flat.Input.Add(prefix + output);
                    flat.Output.Add(outputName);
                    flat.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                    graph.Node.Add(flat);
                    var dims = last.Type.TensorType.Shape.Dim;
                    long features = 1;
                    foreach (var d in dims.Skip(1)) features *= d.DimValue;
                    var shape = new TensorShapeProto();
                    shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dims[0].DimValue });
                    shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
                    last.Type.TensorType.Shape = shape;
                }
                last.Name = outputName;
                graph.Output.Add(last);
            }
            previousOutput = prefix + output;
        }

        var merged = new ModelProto
        {
            IrVersion = stages.Max(st => st.Model.IrVersion),
            ProducerName = "MlNetTransfer",
            Graph = graph,
        };
        foreach (var opset in stages.SelectMany(st => st.Model.OpsetImport).GroupBy(o => o.Domain))
            merged.OpsetImport.Add(new OperatorSetIdProto { Domain = opset.Key, Version = opset.Max(o => o.Version) });
        SetSymbolicBatch(graph);
        return merged;
    }

    /// <summary>Makes dimension 0 of every input, output and intermediate tensor the symbolic <see cref="BatchDimension"/>.</summary>
    public static void SetSymbolicBatch(GraphProto graph) => graph.SetDim(0, DimParamOrValue.New(BatchDimension));

    /// <summary>A float tensor f32[batch, <paramref name="width"/>] (symbolic <see cref="BatchDimension"/>): a generated graph's input or output.</summary>
    internal static ValueInfoProto BatchOfVectors(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    /// <summary>A float initializer of shape <paramref name="dims"/> holding <paramref name="values"/> in row-major order.</summary>
    internal static TensorProto FloatConstant(string name, float[] values, long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    /// <summary>
    /// The values of a float initializer, stored either as float_data or as little-endian raw_data; a
    /// <see cref="UserInputException"/> starting with <paramref name="purpose"/> when it is not float.
    /// </summary>
    internal static float[] FloatValues(TensorProto tensor, string purpose)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new UserInputException($"{purpose}: initializer '{tensor.Name}' is not float (data type {tensor.DataType}).");
        if (tensor.FloatData.Count > 0) return tensor.FloatData.ToArray();
        var raw = tensor.RawData.Span;
        var values = new float[raw.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * 4, 4));
        return values;
    }

    /// <summary>
    /// Replaces the values of float initializer <paramref name="name"/> in <paramref name="graph"/>, keeping its name, data
    /// type and dims (an <see cref="ArgumentException"/> when it is missing or the value count differs).
    /// </summary>
    internal static void ReplaceFloats(GraphProto graph, string name, float[] values)
    {
        var index = -1;
        for (var i = 0; i < graph.Initializer.Count && index < 0; i++) if (graph.Initializer[i].Name == name) index = i;
        if (index < 0) throw new ArgumentException($"The graph has no initializer '{name}'.", nameof(name));
        var old = graph.Initializer[index];
        var count = old.Dims.Aggregate(1L, (a, b) => a * b);
        if (count != values.Length) throw new ArgumentException($"Initializer '{name}' holds {count} values, not {values.Length}.", nameof(values));
        graph.Initializer[index] = FloatConstant(name, values, old.Dims.ToArray());
    }

    /// <summary>
    /// The part of <paramref name="model"/> that computes <paramref name="tensor"/>: the nodes it depends on and their
    /// initializers, with <paramref name="tensor"/> as the only output, typed float [batch, <paramref name="shape"/>…]
    /// (symbolic batch). Opset, IR version and the input are unchanged. An <see cref="ArgumentException"/> when no node writes it.
    /// </summary>
    internal static ModelProto Truncate(ModelProto model, string tensor, long[] shape)
    {
        var source = model.Graph;
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in source.Node) foreach (var output in node.Output) producers[output] = node;
        if (!producers.ContainsKey(tensor)) throw new ArgumentException($"No node of the graph writes '{tensor}'.", nameof(tensor));
        var needed = new HashSet<NodeProto>();
        var pending = new Stack<string>([tensor]);
        while (pending.Count > 0)
            if (producers.TryGetValue(pending.Pop(), out var node) && needed.Add(node))
                foreach (var input in node.Input) pending.Push(input);
        var read = needed.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var graph = new GraphProto { Name = source.Name };
        graph.Node.AddRange(source.Node.Where(needed.Contains).Select(n => n.Clone()));
        graph.Initializer.AddRange(source.Initializer.Where(i => read.Contains(i.Name)).Select(i => i.Clone()));
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        graph.Input.AddRange(source.Input.Where(i => read.Contains(i.Name) && !initializers.Contains(i.Name)).Select(i => i.Clone()));
        var dims = new TensorShapeProto();
        dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (var d in shape) dims.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        graph.Output.Add(new ValueInfoProto
        {
            Name = tensor,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dims } },
        });
        var truncated = new ModelProto { IrVersion = model.IrVersion, ProducerName = model.ProducerName, Graph = graph };
        truncated.OpsetImport.AddRange(model.OpsetImport.Select(o => o.Clone()));
        return truncated;
    }

    /// <summary>A node of operator <paramref name="op"/> reading <paramref name="inputs"/>, writing (and named after) <paramref name="output"/>.</summary>
    internal static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A generated graph as a model: IR version 7, default-domain opset 13 (what ML.NET 5's ONNX Runtime runs).</summary>
    internal static ModelProto GeneratedModel(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 7, ProducerName = "MlNetTransfer", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model;
    }

    /// <summary>Writes a model atomically (<see cref="AtomicFile.Write"/>), creating its folder if missing.</summary>
    public static void Write(ModelProto model, string path) =>
        AtomicFile.Write(path, model.WriteTo, createDirectory: true);
}
