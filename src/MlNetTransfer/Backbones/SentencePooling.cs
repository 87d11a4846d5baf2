using Onnx;

namespace MlNetTransfer.Backbones;

/// <summary>
/// Turns a transformer encoder graph (token states [batch, sequence, hidden]) into a sentence embedding graph: masked
/// mean pooling (sentence-transformers' <c>Pooling(mean)</c>: sum of the states where the attention mask is 1, divided by
/// max(count, 1e-9)) or the first token's state, then optionally L2 normalisation (x / max(‖x‖, 1e-12), as
/// <c>torch.nn.functional.normalize</c>). The other outputs are removed and the nodes only they needed are pruned.
/// </summary>
internal static class SentencePooling
{
    public static ModelProto Append(ModelProto model, string tokenStates, BackboneManifest manifest)
    {
        var text = manifest.Text ?? throw new ArgumentException($"Backbone '{manifest.Name}' is not a text backbone.", nameof(manifest));
        var graph = model.Graph;
        if (graph.Output.All(o => o.Name != tokenStates))
            throw new UserInputException($"{manifest.Name}: the source graph has no output '{tokenStates}' (it has {string.Join(", ", graph.Output.Select(o => o.Name))}).");
        foreach (var tensor in new[] { manifest.Input, text.AttentionMask, text.TokenTypeIds }.OfType<string>())
            if (graph.Input.All(i => i.Name != tensor))
                throw new UserInputException($"{manifest.Name}: the source graph has no input '{tensor}' (it has {string.Join(", ", graph.Input.Select(i => i.Name))}).");
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(1).Max();
        var prefix = "mlnet_transfer_pool_";
        string Name(string n) => prefix + n;

        void Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
        {
            var node = new NodeProto { Name = Name(output), OpType = op };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            node.Attribute.AddRange(attributes);
            graph.Node.Add(node);
        }
        void FloatConstant(string name, float value) =>
            graph.Initializer.Add(new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, FloatData = { value } });
        void LongConstant(string name, params long[] values)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { values } };
            t.Dims.Add(values.Length);
            graph.Initializer.Add(t);
        }
        AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
        // ReduceSum over axis 1; its axes moved from an attribute to an input in opset 13.
        void ReduceSumAxis1(string input, string output, bool keepDims)
        {
            if (opset >= 13) Node("ReduceSum", [input, Name("axis1")], output, Int("keepdims", keepDims ? 1 : 0));
            else Node("ReduceSum", [input], output, Int("keepdims", keepDims ? 1 : 0),
                new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1L } });
        }
        if (opset >= 13) LongConstant(Name("axis1"), 1);

        string pooled;
        if (text.Pooling == "cls")
        {
            var index = new TensorProto { Name = Name("first"), DataType = (int)TensorProto.Types.DataType.Int64, Int64Data = { 0L } };
            graph.Initializer.Add(index); // a scalar index: Gather drops the sequence axis
            Node("Gather", [tokenStates, Name("first")], Name("cls"), Int("axis", 1));
            pooled = Name("cls");
        }
        else
        {
            Node("Cast", [text.AttentionMask], Name("mask"), Int("to", (int)TensorProto.Types.DataType.Float));
            LongConstant(Name("mask_shape"), 0, -1, 1);
            Node("Reshape", [Name("mask"), Name("mask_shape")], Name("mask3"));
            Node("Mul", [tokenStates, Name("mask3")], Name("masked"));
            ReduceSumAxis1(Name("masked"), Name("sum"), keepDims: false);
            ReduceSumAxis1(Name("mask"), Name("count"), keepDims: true);
            FloatConstant(Name("min_count"), 1e-9f);
            Node("Max", [Name("count"), Name("min_count")], Name("count_clamped"));
            Node("Div", [Name("sum"), Name("count_clamped")], Name("mean"));
            pooled = Name("mean");
        }
        if (text.Normalize)
        {
            Node("Mul", [pooled, pooled], Name("squares"));
            ReduceSumAxis1(Name("squares"), Name("sum_squares"), keepDims: true);
            Node("Sqrt", [Name("sum_squares")], Name("norm"));
            FloatConstant(Name("min_norm"), 1e-12f);
            Node("Max", [Name("norm"), Name("min_norm")], Name("norm_clamped"));
            Node("Div", [pooled, Name("norm_clamped")], manifest.Output);
        }
        else
        {
            Node("Identity", [pooled], manifest.Output);
        }

        graph.Output.Clear();
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxGraphs.BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = manifest.EmbeddingSize });
        graph.Output.Add(new ValueInfoProto
        {
            Name = manifest.Output,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        });
        Prune(graph);
        model.ProducerName = "MlNetTransfer";
        return model;
    }

    /// <summary>Keeps only the nodes, initializers and value infos the graph outputs depend on.</summary>
    private static void Prune(GraphProto graph)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
            foreach (var output in node.Output)
                producers[output] = node;
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var keep = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<string>(graph.Output.Select(o => o.Name));
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!needed.Add(name)) continue;
            if (!producers.TryGetValue(name, out var node) || !keep.Add(node)) continue;
            foreach (var input in node.Input.Where(i => i.Length > 0)) stack.Push(input);
            foreach (var sub in node.Attribute.Where(a => a.G is not null).Select(a => a.G))
                foreach (var outer in SubgraphInputs(sub)) stack.Push(outer);
        }
        var nodes = graph.Node.Where(keep.Contains).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        var initializers = graph.Initializer.Where(i => needed.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        var infos = graph.ValueInfo.Where(v => needed.Contains(v.Name)).ToList();
        graph.ValueInfo.Clear();
        graph.ValueInfo.AddRange(infos);
    }

    /// <summary>Names a subgraph (If / Loop body) reads from its enclosing graph.</summary>
    private static IEnumerable<string> SubgraphInputs(GraphProto sub) =>
        sub.Node.SelectMany(n => n.Input).Concat(sub.Node.SelectMany(n => n.Attribute).Where(a => a.G is not null).SelectMany(a => SubgraphInputs(a.G)));
}
