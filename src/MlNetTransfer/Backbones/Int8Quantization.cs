using Google.Protobuf;
using Onnx;

namespace MlNetTransfer.Backbones;

/// <summary>
/// Static int8 quantization of a convolutional backbone in the ONNX QDQ format
/// (https://onnxruntime.ai/docs/performance/model-optimizations/quantization.html, "QDQ" representation; operators
/// QuantizeLinear / DequantizeLinear of https://onnx.ai/onnx/operators/ at opset 13). The graph stays a float graph
/// that says where values are quantized; ONNX Runtime's QDQ transformers fuse each <c>DQ -> Conv -> Q</c> into
/// QLinearConv and <c>DQ, DQ -> Add -> Q</c> into QLinearAdd, run by MLAS's u8 x s8 kernels.
/// <para>
/// Steps: BatchNormalization after a Conv is folded into the Conv's weights and bias (in double, then rounded to float);
/// a channel permutation of the input (ML.NET's RGB -> BGR Split + Concat) before the mean subtraction is folded into the
/// mean image and the first convolution's weights;
/// the graph is moved to opset 13 (Split's <c>split</c> attribute becomes an input; other operators of the ResNet graphs
/// are unchanged between opsets 8 and 13, any other operator is refused by name); every activation read by Conv, Add,
/// MaxPool or AveragePool gets a QuantizeLinear/DequantizeLinear pair (uint8, asymmetric: scale = (max - min) / 255 over
/// the calibrated range widened to hold 0, zero point = round(-min / scale); a ReLU's output then has zero point 0, so the
/// ReLU is the Q's clamp and ONNX Runtime drops it); a MaxPool's output reuses its input's scale and zero point (so the
/// pool runs on uint8); Conv weights become int8, symmetric, per output channel (axis 0: scale = max |w| / 127, or / 63 with
/// 7-bit weights), biases int32 with scale x_scale · w_scale and zero point 0, as ONNX Runtime's own quantizer writes them.
/// Anything before the first quantized tensor (the mean-image subtraction) and after the last (the pooling and flatten)
/// stays float.
/// </para>
/// </summary>
public static class Int8Quantization
{
    private static readonly HashSet<string> QuantizedReaders = new(StringComparer.Ordinal) { "Conv", "Add", "MaxPool", "AveragePool" };

    // Operators whose definition is the same from opset 8 to 13 for the attributes the ResNet graphs use (Split is rewritten).
    private static readonly HashSet<string> KnownOperators = new(StringComparer.Ordinal)
        { "Split", "Concat", "Sub", "Conv", "BatchNormalization", "Relu", "MaxPool", "Add", "AveragePool", "GlobalAveragePool", "Flatten" };

    /// <summary>Default-domain opset of the quantized graph: the first with per-channel DequantizeLinear (axis).</summary>
    public const int Opset = 13;

    /// <summary>
    /// The float tensors of <paramref name="fp32"/> whose ranges <see cref="Quantize"/> needs (in graph order): every
    /// activation read by a Conv, Add, MaxPool or AveragePool, with a Conv's output named after the BatchNormalization
    /// folded into it (so each name is a tensor of the unfolded graph too), MaxPool outputs left out (they reuse their
    /// input's range).
    /// </summary>
    /// <exception cref="UserInputException">The graph has an operator this transform does not know.</exception>
    public static IReadOnlyList<string> CalibrationTensors(ModelProto fp32)
    {
        var graph = FoldBatchNorm(fp32.Graph.Clone());
        var maxPoolOutputs = graph.Node.Where(n => n.OpType == "MaxPool").Select(n => n.Output[0]).ToHashSet(StringComparer.Ordinal);
        return QuantizedTensors(graph).Where(t => !maxPoolOutputs.Contains(t)).ToList();
    }

    /// <summary>
    /// The QDQ int8 version of <paramref name="fp32"/> (which is left unchanged): same input and output names and shapes,
    /// opset <see cref="Opset"/>, IR version 7. Deterministic: the same graph and options give the same bytes.
    /// </summary>
    /// <exception cref="UserInputException">A range is missing for a tensor of <see cref="CalibrationTensors"/>, a range is
    /// not finite or has max below min, <see cref="Int8QuantizationOptions.WeightBits"/> is not 7 or 8, or the graph has an
    /// operator this transform does not know.</exception>
    public static ModelProto Quantize(ModelProto fp32, Int8QuantizationOptions options)
    {
        if (options.WeightBits is not (7 or 8))
            throw new UserInputException($"int8 quantization: weightBits must be 7 or 8 (got {options.WeightBits}).");
        var graph = FoldBatchNorm(fp32.Graph.Clone());
        FoldChannelPermutation(graph);
        UpgradeSplit(graph);
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var quantized = QuantizedTensors(graph).ToHashSet(StringComparer.Ordinal);

        // Activation scale and zero point of every quantized tensor; a MaxPool output takes its input's.
        var activation = new Dictionary<string, (float Scale, byte ZeroPoint)>(StringComparer.Ordinal);
        foreach (var node in graph.Node.Where(n => n.OpType == "MaxPool"))
            if (quantized.Contains(node.Output[0]) && !quantized.Contains(node.Input[0]))
                throw new UserInputException($"int8 quantization: MaxPool '{node.Name}' reads '{node.Input[0]}', which is not quantized.");
        foreach (var tensor in quantized)
        {
            var pool = graph.Node.FirstOrDefault(n => n.OpType == "MaxPool" && n.Output[0] == tensor);
            if (pool is not null) continue;
            if (!options.Ranges.TryGetValue(tensor, out var range))
                throw new UserInputException($"int8 quantization: no calibrated range for tensor '{tensor}' ({options.Ranges.Count} ranges given).");
            if (!float.IsFinite(range.Min) || !float.IsFinite(range.Max) || range.Max < range.Min)
                throw new UserInputException($"int8 quantization: the range of '{tensor}' is [{range.Min}, {range.Max}]; it must be finite with max >= min.");
            activation[tensor] = ActivationParameters(range);
        }
        foreach (var node in graph.Node.Where(n => n.OpType == "MaxPool" && quantized.Contains(n.Output[0])))
            activation[node.Output[0]] = activation[node.Input[0]];

        var nodes = new List<NodeProto>();
        var added = new List<TensorProto>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        void EmitQdq(string tensor)
        {
            var (scale, zeroPoint) = activation[tensor];
            added.Add(Scalar(tensor + "_scale", scale));
            added.Add(new TensorProto { Name = tensor + "_zero_point", DataType = (int)TensorProto.Types.DataType.Uint8, RawData = ByteString.CopyFrom(zeroPoint) });
            nodes.Add(OnnxGraphs.Node("QuantizeLinear", [tensor, tensor + "_scale", tensor + "_zero_point"], tensor + "_quantized"));
            nodes.Add(OnnxGraphs.Node("DequantizeLinear", [tensor + "_quantized", tensor + "_scale", tensor + "_zero_point"], tensor + "_dequantized"));
        }
        foreach (var input in graph.Input.Where(i => quantized.Contains(i.Name))) EmitQdq(input.Name);
        foreach (var original in graph.Node)
        {
            var node = original.Clone();
            if (QuantizedReaders.Contains(node.OpType))
            {
                var activations = node.OpType == "Add" ? node.Input.Count : 1;
                for (var i = 0; i < activations; i++)
                    if (quantized.Contains(node.Input[i])) node.Input[i] += "_dequantized";
            }
            if (node.OpType == "Conv")
                QuantizeConv(node, initializers, activation[original.Input[0]].Scale, options.WeightBits, nodes, added, removed);
            nodes.Add(node);
            foreach (var output in node.Output.Where(quantized.Contains)) EmitQdq(output);
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        var kept = graph.Initializer.Where(i => !removed.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
        graph.Initializer.AddRange(added);
        // Intermediate shapes are inferred by ONNX Runtime; the folded graph's recorded ones name tensors that are gone.
        graph.ValueInfo.Clear();
        OnnxGraphs.SetSymbolicBatch(graph);

        var model = new ModelProto { IrVersion = 7, ProducerName = "MlNetTransfer", ProducerVersion = "int8-qdq", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    /// <summary>
    /// The one way an int8 backbone file is made, at build time from a manifest's recorded ranges
    /// (<see cref="BackboneMaterializer"/>) and at train time from ranges calibrated on the user's own training images
    /// (<c>--quantize int8</c>): reads <paramref name="fp32"/>'s model file, checked against its manifest's sha256 when the
    /// manifest has one, <see cref="Quantize">quantizes</see> it with <paramref name="options"/> and writes the graph to
    /// <paramref name="path"/> atomically (folder created). Returns the written file's sha256 (lower-case hex), which the
    /// embedding cache keys the backbone by: the same fp32 file and options give the same bytes.
    /// </summary>
    /// <param name="fp32">The fp32 image backbone quantized (a ResNet graph of the operators <see cref="Quantize"/> knows).</param>
    /// <param name="options">Calibrated ranges of every tensor <see cref="CalibrationTensors"/> names, and the weight bits.</param>
    /// <param name="path">Where the int8 graph is written.</param>
    /// <param name="expectedSha256">When set, the written graph must have this sha256 (a built-in's manifest), else nothing is written.</param>
    /// <exception cref="UserInputException">The fp32 file is missing or does not hold its manifest's sha256; the written
    /// graph does not have <paramref name="expectedSha256"/>; or <see cref="Quantize"/> refuses the graph or the options.</exception>
    public static string WriteQuantized(BackboneManifest fp32, Int8QuantizationOptions options, string path, string? expectedSha256 = null)
    {
        if (!File.Exists(fp32.ModelPath) || fp32.Sha256 is { } sha && !string.Equals(BackboneMaterializer.Sha256(fp32.ModelPath), sha, StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"int8 quantization: '{fp32.ModelPath}' (backbone '{fp32.Name}') is missing or does not hold its manifest's sha256; materialise '{fp32.Name}' first (dotnet build).");
        var quantized = Quantize(OnnxGraphs.Read(fp32.ModelPath), options);
        string? written = null;
        AtomicFile.Write(path, quantized.WriteTo, createDirectory: true, verify: temp =>
        {
            written = BackboneMaterializer.Sha256(temp);
            if (expectedSha256 is not null && !string.Equals(written, expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"int8 quantization of '{fp32.Name}': the quantized graph has sha256 {written}, '{path}' is expected to have {expectedSha256}.");
        });
        return written!;
    }

    /// <summary>uint8 asymmetric parameters of a range, as ONNX Runtime's quantizer computes them (range widened to hold 0).</summary>
    internal static (float Scale, byte ZeroPoint) ActivationParameters(TensorRange range)
    {
        var min = Math.Min(0.0, range.Min);
        var max = Math.Max(0.0, range.Max);
        if (max == min) return (1f, 0);
        var scale = (float)((max - min) / 255.0);
        var zeroPoint = Math.Clamp(Math.Round(-min / scale, MidpointRounding.ToEven), 0, 255);
        return (scale, (byte)zeroPoint);
    }

    // The activation inputs of Conv (input 0), Add (both), MaxPool and AveragePool that are not initializers, in graph order.
    private static List<string> QuantizedTensors(GraphProto graph)
    {
        var unknown = graph.Node.Select(n => n.OpType).Where(op => !KnownOperators.Contains(op)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new UserInputException($"int8 quantization: the graph has operators this transform does not handle: {string.Join(", ", unknown)}.");
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var node in graph.Node.Where(n => QuantizedReaders.Contains(n.OpType)))
        {
            var activations = node.OpType == "Add" ? node.Input.Count : 1;
            for (var i = 0; i < activations; i++)
                if (!initializers.Contains(node.Input[i]) && result.Add(node.Input[i])) ordered.Add(node.Input[i]);
        }
        return ordered;
    }

    // Folds every BatchNormalization whose input is a Conv output read by nothing else into that Conv; the Conv then writes
    // the BatchNormalization's output tensor. W' = W · γ / sqrt(var + ε) per output channel, b' = (b - mean) · γ / sqrt(var + ε) + β.
    private static GraphProto FoldBatchNorm(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var readers = graph.Node.SelectMany(n => n.Input).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var producers = graph.Node.ToDictionary(n => n.Output[0], StringComparer.Ordinal);
        var drop = new HashSet<NodeProto>();
        var dropInitializers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bn in graph.Node.Where(n => n.OpType == "BatchNormalization"))
        {
            if (!producers.TryGetValue(bn.Input[0], out var conv) || conv.OpType != "Conv" || readers[bn.Input[0]] != 1
                || !initializers.ContainsKey(conv.Input[1]) || bn.Input.Skip(1).Any(p => !initializers.ContainsKey(p)))
                throw new UserInputException($"int8 quantization: BatchNormalization '{bn.Name}' does not follow a Conv with constant weights, so it cannot be folded.");
            if (bn.Output.Count > 1 && bn.Output.Skip(1).Any(o => o.Length > 0))
                throw new UserInputException($"int8 quantization: BatchNormalization '{bn.Name}' is in training mode (it has running-statistics outputs).");
            var epsilon = bn.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            var gamma = Floats(initializers[bn.Input[1]]);
            var beta = Floats(initializers[bn.Input[2]]);
            var mean = Floats(initializers[bn.Input[3]]);
            var variance = Floats(initializers[bn.Input[4]]);
            var weight = initializers[conv.Input[1]];
            var w = Floats(weight);
            var channels = (int)weight.Dims[0];
            var perChannel = w.Length / channels;
            var bias = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? Floats(initializers[conv.Input[2]]) : new float[channels];
            var foldedWeight = new float[w.Length];
            var foldedBias = new float[channels];
            for (var c = 0; c < channels; c++)
            {
                var factor = gamma[c] / Math.Sqrt(variance[c] + (double)epsilon);
                for (var k = 0; k < perChannel; k++) foldedWeight[c * perChannel + k] = (float)(w[c * perChannel + k] * factor);
                foldedBias[c] = (float)((bias[c] - (double)mean[c]) * factor + beta[c]);
            }
            var weightName = bn.Output[0] + "_folded_weight";
            var biasName = bn.Output[0] + "_folded_bias";
            var folded = OnnxGraphs.FloatConstant(weightName, foldedWeight, weight.Dims.ToArray());
            graph.Initializer.Add(folded);
            graph.Initializer.Add(OnnxGraphs.FloatConstant(biasName, foldedBias, [channels]));
            dropInitializers.UnionWith(bn.Input.Skip(1));
            dropInitializers.Add(conv.Input[1]);
            if (conv.Input.Count > 2 && conv.Input[2].Length > 0) dropInitializers.Add(conv.Input[2]);
            while (conv.Input.Count > 1) conv.Input.RemoveAt(conv.Input.Count - 1);
            conv.Input.Add(weightName);
            conv.Input.Add(biasName);
            conv.Output[0] = bn.Output[0];
            drop.Add(bn);
        }
        var keptNodes = graph.Node.Where(n => !drop.Contains(n)).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(keptNodes);
        // An initializer still read elsewhere (shared weights) stays.
        var stillRead = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var keptInitializers = graph.Initializer.Where(i => !dropInitializers.Contains(i.Name) || stillRead.Contains(i.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(keptInitializers);
        return graph;
    }

    // A channel permutation of the input (Split into single channels, Concat in another order: the RGB -> BGR of ML.NET's
    // ResNet preprocessing) followed by Sub(constant) and Convs with constant weights is folded into the constant and the
    // weights: Sub(X, M') with M'[perm[j]] = M[j], and W'[:, perm[j]] = W[:, j]. The Sub output holds the same values in
    // another channel order, so its calibrated range is unchanged, and the Split, the Concat and their copies go.
    private static void FoldChannelPermutation(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var readers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
        foreach (var concat in graph.Node.Where(n => n.OpType == "Concat").ToList())
        {
            if (concat.Attribute.FirstOrDefault(a => a.Name == "axis")?.I != 1) continue;
            var split = graph.Node.FirstOrDefault(n => n.OpType == "Split" && n.Output.Contains(concat.Input[0]));
            if (split is null || (split.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 0) != 1) continue;
            var sizes = split.Attribute.FirstOrDefault(a => a.Name == "split")?.Ints;
            if (sizes is null || sizes.Any(v => v != 1) || split.Output.Count != concat.Input.Count) continue;
            var perm = concat.Input.Select(i => split.Output.IndexOf(i)).ToArray();
            if (perm.Any(p => p < 0) || perm.Distinct().Count() != perm.Length) continue;
            if (split.Output.Any(o => readers[o].Count() != 1)) continue;
            var subs = readers[concat.Output[0]].ToList();
            if (subs.Count != 1 || subs[0].OpType != "Sub" || subs[0].Input[0] != concat.Output[0] || !initializers.TryGetValue(subs[0].Input[1], out var mean)) continue;
            var sub = subs[0];
            var convs = readers[sub.Output[0]].ToList();
            if (convs.Count == 0 || convs.Any(c => c.OpType != "Conv" || c.Input[0] != sub.Output[0] || !initializers.ContainsKey(c.Input[1])
                || (c.Attribute.FirstOrDefault(a => a.Name == "group")?.I ?? 1) != 1)) continue;
            var channels = perm.Length;
            if (mean.Dims.Count != 4 || mean.Dims[1] != channels || mean.Dims[0] != 1) continue;
            if (readers[sub.Input[1]].Count() != 1 || convs.Any(c => readers[c.Input[1]].Count() != 1)) continue;

            initializers[mean.Name] = Replace(graph, mean, PermuteAxis1(Floats(mean), mean.Dims, perm));
            foreach (var conv in convs)
            {
                var weight = initializers[conv.Input[1]];
                if (weight.Dims[1] != channels) throw new UserInputException($"int8 quantization: Conv '{conv.Name}' reads {channels} channels but its weights have {weight.Dims[1]}.");
                initializers[weight.Name] = Replace(graph, weight, PermuteAxis1(Floats(weight), weight.Dims, perm));
            }
            sub.Input[0] = split.Input[0];
            graph.Node.Remove(concat);
            graph.Node.Remove(split);
            return;
        }
    }

    // out[a, perm[j], rest] = values[a, j, rest] for a tensor of dims [A, C, ...].
    private static float[] PermuteAxis1(float[] values, IList<long> dims, int[] perm)
    {
        var outer = (int)dims[0];
        var channels = (int)dims[1];
        var inner = values.Length / (outer * channels);
        var result = new float[values.Length];
        for (var a = 0; a < outer; a++)
            for (var j = 0; j < channels; j++)
                Array.Copy(values, (a * channels + j) * inner, result, (a * channels + perm[j]) * inner, inner);
        return result;
    }

    private static TensorProto Replace(GraphProto graph, TensorProto old, float[] values)
    {
        var replacement = OnnxGraphs.FloatConstant(old.Name, values, old.Dims.ToArray());
        graph.Initializer[graph.Initializer.IndexOf(old)] = replacement;
        return replacement;
    }

    // Opset 13's Split takes the sizes as an int64 input instead of the "split" attribute.
    private static void UpgradeSplit(GraphProto graph)
    {
        foreach (var split in graph.Node.Where(n => n.OpType == "Split"))
        {
            var attribute = split.Attribute.FirstOrDefault(a => a.Name == "split");
            if (attribute is null) continue;
            split.Attribute.Remove(attribute);
            var name = split.Output[0] + "_split_sizes";
            var sizes = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            sizes.Dims.Add(attribute.Ints.Count);
            sizes.Int64Data.AddRange(attribute.Ints);
            graph.Initializer.Add(sizes);
            split.Input.Add(name);
        }
    }

    // Replaces a Conv's float weight and bias by int8 / int32 initializers read through per-channel DequantizeLinear nodes.
    private static void QuantizeConv(NodeProto conv, Dictionary<string, TensorProto> initializers, float inputScale, int weightBits,
        List<NodeProto> nodes, List<TensorProto> added, HashSet<string> removed)
    {
        if (!initializers.TryGetValue(conv.Input[1], out var weight))
            throw new UserInputException($"int8 quantization: Conv '{conv.Name}' has weights '{conv.Input[1]}' that are not a constant.");
        var w = Floats(weight);
        var channels = (int)weight.Dims[0];
        var perChannel = w.Length / channels;
        var limit = weightBits == 8 ? 127 : 63;
        var scales = new float[channels];
        var q = new byte[w.Length];
        for (var c = 0; c < channels; c++)
        {
            var amax = 0.0;
            for (var k = 0; k < perChannel; k++) amax = Math.Max(amax, Math.Abs(w[c * perChannel + k]));
            scales[c] = amax == 0 ? 1f : (float)(amax / limit);
            for (var k = 0; k < perChannel; k++)
                q[c * perChannel + k] = unchecked((byte)(sbyte)Math.Clamp(Math.Round(w[c * perChannel + k] / (double)scales[c], MidpointRounding.ToEven), -limit, limit));
        }
        var name = conv.Input[1];
        var quantizedWeight = new TensorProto { Name = name + "_quantized", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(q) };
        quantizedWeight.Dims.AddRange(weight.Dims);
        added.Add(quantizedWeight);
        added.Add(OnnxGraphs.FloatConstant(name + "_scale", scales, [channels]));
        var weightZero = new TensorProto { Name = name + "_zero_point", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(new byte[channels]) };
        weightZero.Dims.Add(channels);
        added.Add(weightZero);
        nodes.Add(PerChannelDequantize(name + "_quantized", name + "_scale", name + "_zero_point", name + "_dequantized"));
        removed.Add(name);
        conv.Input[1] = name + "_dequantized";

        if (conv.Input.Count < 3 || conv.Input[2].Length == 0) return;
        var biasName = conv.Input[2];
        var bias = Floats(initializers[biasName]);
        var biasScales = new float[channels];
        var biasValues = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            biasScales[c] = inputScale * scales[c];
            biasValues[c] = (int)Math.Clamp(Math.Round(bias[c] / (double)biasScales[c], MidpointRounding.ToEven), int.MinValue, int.MaxValue);
        }
        var quantizedBias = new TensorProto { Name = biasName + "_quantized", DataType = (int)TensorProto.Types.DataType.Int32 };
        quantizedBias.Dims.Add(channels);
        quantizedBias.Int32Data.AddRange(biasValues);
        added.Add(quantizedBias);
        added.Add(OnnxGraphs.FloatConstant(biasName + "_scale", biasScales, [channels]));
        var biasZero = new TensorProto { Name = biasName + "_zero_point", DataType = (int)TensorProto.Types.DataType.Int32 };
        biasZero.Dims.Add(channels);
        biasZero.Int32Data.AddRange(new int[channels]);
        added.Add(biasZero);
        nodes.Add(PerChannelDequantize(biasName + "_quantized", biasName + "_scale", biasName + "_zero_point", biasName + "_dequantized"));
        removed.Add(biasName);
        conv.Input[2] = biasName + "_dequantized";
    }

    private static NodeProto PerChannelDequantize(string input, string scale, string zeroPoint, string output)
    {
        var node = OnnxGraphs.Node("DequantizeLinear", [input, scale, zeroPoint], output);
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        return node;
    }

    private static TensorProto Scalar(string name, float value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        return tensor;
    }

    private static float[] Floats(TensorProto tensor) => OnnxGraphs.FloatValues(tensor, "int8 quantization");
}
