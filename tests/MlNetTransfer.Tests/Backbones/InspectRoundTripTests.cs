using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;
using Onnx;

namespace MlNetTransfer.Tests.Backbones;

/// <summary>
/// <c>inspect</c> never proposes a manifest the product then refuses: each variant of the built-in resnet18 (made here by
/// graph surgery, the shapes and names real exporters produce) gets inspect's drafted manifest written beside it, and
/// <c>featurize</c> (the batched engine) and the stock ML.NET chain a saved model runs both give the original resnet18's
/// embeddings (1e-4).
/// </summary>
public sealed class InspectRoundTripTests
{
    private sealed record ImageRow(string ImagePath);

    /// <summary>The variants: a file name, and the surgery on a copy of resnet18 (input 'image' [batch,3,224,224], output 'embedding' [batch,512]).</summary>
    private static readonly Dictionary<string, Action<ModelProto>> Variants = new()
    {
        // (a) every input dimension fixed, the batch at 1 (a static export).
        ["fixed-shape"] = model => SetBatch(model.Graph, new TensorShapeProto.Types.Dimension { DimValue = 1 }),
        // (b) the built-in as it is: symbolic batch.
        ["symbolic-batch"] = _ => { },
        // (c) dynamic height and width ([N,3,H,W], torchvision / tf2onnx dynamic axes).
        ["symbolic-height-width"] = model =>
        {
            var dims = InputOf(model).Type.TensorType.Shape.Dim;
            dims[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
            dims[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
        },
        // (d) a 4-D pooled output [N,512,1,1] (a global pool without the flatten).
        ["pooled-4d"] = AddUnsqueezedOutput,
        // (e) tf2onnx-style tensor names with ':'.
        ["colon-names"] = model => Rename(model.Graph, new() { [InputOf(model).Name] = "input_1:0", [model.Graph.Output.Single().Name] = "embedding:0" }),
    };

    /// <summary>What inspect must report for each variant: input name and shape, output name and shape.</summary>
    private static readonly Dictionary<string, (string Input, string[] InputShape, string Output, string[] OutputShape)> Reported = new()
    {
        ["fixed-shape"] = ("image", ["1", "3", "224", "224"], "embedding", ["1", "512"]),
        ["symbolic-batch"] = ("image", ["batch", "3", "224", "224"], "embedding", ["batch", "512"]),
        ["symbolic-height-width"] = ("image", ["batch", "3", "height", "width"], "embedding", ["batch", "512"]),
        ["pooled-4d"] = ("image", ["batch", "3", "224", "224"], "pooled", ["batch", "512", "1", "1"]),
        ["colon-names"] = ("input_1:0", ["batch", "3", "224", "224"], "embedding:0", ["batch", "512"]),
    };

    public static TheoryData<string> VariantNames => new(Variants.Keys);

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void InspectManifest_FeaturizesAsTheOriginalResNet18(string variant)
    {
        var dir = TestData.TempDir();
        try
        {
            var data = Directory.CreateDirectory(Path.Combine(dir, "data")).FullName;
            foreach (var (image, label) in TestData.Images(TestData.FashionTest, perClass: 2).Where(i => i.Label is "bag" or "coat"))
            {
                var target = Directory.CreateDirectory(Path.Combine(data, label)).FullName;
                File.Copy(image, Path.Combine(target, Path.GetFileName(image)));
            }

            var model = OnnxGraphs.Read(BuiltInBackbones.ResNet18.ModelPath);
            Variants[variant](model);
            var onnx = Path.Combine(dir, "models", variant + ".onnx");
            OnnxGraphs.Write(model, onnx);

            var report = InspectWorkflow.Onnx(onnx);
            Assert.Null(report.ExistingManifestPath);
            Assert.False(report.IsTextDraft);
            var reported = Reported[variant];
            Assert.Equal(reported.Input, report.Inputs.Single().Name);
            Assert.Equal(reported.InputShape, report.Inputs.Single().Shape);
            Assert.Equal(reported.Output, report.Outputs.Single().Name);
            Assert.Equal(reported.OutputShape, report.Outputs.Single().Shape);
            File.WriteAllText(Path.ChangeExtension(onnx, ".json"), report.ManifestTemplate);
            var manifest = BackboneManifest.Load(Path.ChangeExtension(onnx, ".json"));
            Assert.Equal((reported.Input, reported.Output, 512), (manifest.Input, manifest.Output, manifest.EmbeddingSize));
            Assert.Equal((224, 224), (manifest.Image!.Width, manifest.Image.Height));

            var expected = Featurize(data, Path.Combine(dir, "expected.csv"), "resnet18");
            var actual = Featurize(data, Path.Combine(dir, "actual.csv"), onnx);
            Assert.Equal(4, actual.Count);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (id, values) in expected)
            {
                Assert.Equal(512, actual[id].Length);
                var maxDiff = values.Zip(actual[id]).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= 1e-4, $"{variant}: '{id}' max abs diff {maxDiff}");
            }

            // The saved model's path too: the stock ML.NET chain (ApplyOnnxModel, one row per call) through the same manifest.
            var ml = new MLContext(seed: 1);
            var rows = ml.Data.LoadFromEnumerable(expected.Keys.Order(StringComparer.Ordinal).Select(p => new ImageRow(p)).ToList());
            var perRow = ml.Transforms.ExtractImageEmbeddings("F", manifest, nameof(ImageRow.ImagePath)).Fit(rows).Transform(rows);
            var column = perRow.Schema["F"];
            Assert.Equal(512, ((VectorDataViewType)column.Type).Size);
            var embeddings = perRow.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();
            foreach (var (id, values) in expected.Keys.Order(StringComparer.Ordinal).Zip(embeddings))
            {
                var maxDiff = expected[id].Zip(values).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= 1e-4, $"{variant} (ML.NET chain): '{id}' max abs diff {maxDiff}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// What the catalog gives ML.NET's ApplyOnnxModel as the input shape: nothing for an input whose dimensions after the
    /// batch are fixed (whether the batch is symbolic or fixed at 1, whatever the tensor's name), [1,3,224,224] from the
    /// manifest for dynamic height and width, keyed by the tensor's own name even with ':' in it.
    /// </summary>
    [Fact]
    public void FixedInputShape_OnlyForUnknownDimensionsBesidesTheBatch()
    {
        var dir = TestData.TempDir();
        try
        {
            IDictionary<string, int[]>? ShapeOf(string name, params Action<ModelProto>[] surgery)
            {
                var model = OnnxGraphs.Read(BuiltInBackbones.ResNet18.ModelPath);
                foreach (var s in surgery) s(model);
                var onnx = Path.Combine(dir, name + ".onnx");
                OnnxGraphs.Write(model, onnx);
                var json = Path.ChangeExtension(onnx, ".json");
                File.WriteAllText(json, InspectWorkflow.Onnx(onnx).ManifestTemplate);
                return ImageEmbeddingCatalog.FixedInputShape(BackboneManifest.Load(json));
            }

            Assert.Null(ShapeOf("fixed-shape", Variants["fixed-shape"]));
            Assert.Null(ShapeOf("symbolic-batch", Variants["symbolic-batch"]));
            Assert.Null(ShapeOf("pooled-4d", Variants["pooled-4d"]));
            Assert.Null(ShapeOf("colon-names", Variants["colon-names"]));
            var dynamic = ShapeOf("symbolic-height-width", Variants["symbolic-height-width"]);
            Assert.Equal([1, 3, 224, 224], Assert.Single(dynamic!, p => p.Key == "image").Value);
            var both = ShapeOf("colon-dynamic", Variants["colon-names"], Variants["symbolic-height-width"]);
            Assert.Equal([1, 3, 224, 224], Assert.Single(both!, p => p.Key == "input_1:0").Value);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Featurizes the folder with one backbone; the embedding of each image, by path.</summary>
    private static Dictionary<string, float[]> Featurize(string data, string csv, string backbone)
    {
        Assert.Equal(4, FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data, Out = csv, Backbones = [backbone] }));
        var lines = File.ReadAllLines(csv);
        Assert.Equal(2 + 512, lines[0].Split(',').Length);
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0],
            f => f.Skip(2).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());
    }

    private static ValueInfoProto InputOf(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Input.First(i => !initializers.Contains(i.Name));
    }

    /// <summary>Sets dimension 0 of every tensor whose first dimension is the symbolic batch.</summary>
    private static void SetBatch(GraphProto graph, TensorShapeProto.Types.Dimension batch)
    {
        foreach (var info in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo))
            if (info.Type?.TensorType?.Shape is { Dim.Count: > 0 } shape && shape.Dim[0].DimParam == OnnxGraphs.BatchDimension)
                shape.Dim[0] = batch.Clone();
    }

    /// <summary>Renames tensors everywhere they appear: graph inputs, outputs, value infos, initializers, node inputs and outputs.</summary>
    private static void Rename(GraphProto graph, Dictionary<string, string> names)
    {
        string Map(string name) => names.GetValueOrDefault(name, name);
        foreach (var info in graph.Input.Concat(graph.Output).Concat(graph.ValueInfo)) info.Name = Map(info.Name);
        foreach (var init in graph.Initializer) init.Name = Map(init.Name);
        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++) node.Input[i] = Map(node.Input[i]);
            for (var i = 0; i < node.Output.Count; i++) node.Output[i] = Map(node.Output[i]);
        }
    }

    /// <summary>
    /// Unsqueezes the [batch,512] output to [batch,512,1,1] and makes that the graph output. From opset 13 Unsqueeze takes
    /// its axes as an int64 input (an initializer here); before, as an attribute (the built-in resnet18, a CNTK export, imports opset 8).
    /// </summary>
    private static void AddUnsqueezedOutput(ModelProto model)
    {
        var graph = model.Graph;
        var flat = graph.Output.Single();
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Max(o => o.Version);
        var node = new NodeProto { Name = "unsqueeze_pooled", OpType = "Unsqueeze" };
        node.Input.Add(flat.Name);
        node.Output.Add("pooled");
        if (opset >= 13)
        {
            var axes = new TensorProto { Name = "unsqueeze_pooled_axes", DataType = (int)TensorProto.Types.DataType.Int64 };
            axes.Dims.Add(2);
            axes.Int64Data.Add([2, 3]);
            graph.Initializer.Add(axes);
            node.Input.Add(axes.Name);
        }
        else
        {
            var attribute = new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints };
            attribute.Ints.Add([2, 3]);
            node.Attribute.Add(attribute);
        }
        graph.Node.Add(node);
        var pooled = flat.Clone();
        pooled.Name = "pooled";
        pooled.Type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        pooled.Type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        graph.Output.Clear();
        graph.Output.Add(pooled);
        graph.ValueInfo.Add(flat);
        Assert.Equal([OnnxGraphs.BatchDimension, "512", "1", "1"], OnnxGraphs.Outputs(model).Single().Shape);
    }
}
