using System.Numerics.Tensors;
using Google.Protobuf;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;
using MlNetTransfer.Tests.Workflows;
using MlNetTransfer.Workflows;
using Onnx;

namespace MlNetTransfer.Tests.Backbones;

public sealed class Int8QuantizationTests
{
    [Fact]
    public void BuiltInInt8Graph_HasQdqAroundEveryConvAndAdd_PerChannelInt8Weights_Int32Biases_NoBatchNorm()
    {
        var model = OnnxGraphs.Read(BuiltInBackbones.ResNet18Int8.ModelPath);
        var graph = model.Graph;
        Assert.Equal(Int8Quantization.Opset, model.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.DoesNotContain(graph.Node, n => n.OpType == "BatchNormalization");
        var producer = graph.Node.ToDictionary(n => n.Output[0]);
        var initializers = graph.Initializer.ToDictionary(i => i.Name);
        var readers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node);

        NodeProto Dequantized(string tensor)
        {
            Assert.True(producer.TryGetValue(tensor, out var dq), $"'{tensor}' has no producer");
            Assert.Equal("DequantizeLinear", dq!.OpType);
            return dq;
        }
        void QuantizedActivation(string tensor)
        {
            var dq = Dequantized(tensor);
            Assert.Equal("QuantizeLinear", producer[dq.Input[0]].OpType);
            Assert.Equal((int)TensorProto.Types.DataType.Uint8, initializers[dq.Input[2]].DataType);
        }

        var fp32 = OnnxGraphs.Read(BuiltInBackbones.ResNet18.ModelPath).Graph.Node;
        var convs = graph.Node.Where(n => n.OpType == "Conv").ToList();
        Assert.Equal(fp32.Count(n => n.OpType == "Conv"), convs.Count); // 22 in the CNTK graph
        foreach (var conv in convs)
        {
            QuantizedActivation(conv.Input[0]);
            var weight = Dequantized(conv.Input[1]);
            var q = initializers[weight.Input[0]];
            Assert.Equal((int)TensorProto.Types.DataType.Int8, q.DataType);
            var channels = q.Dims[0];
            Assert.Equal(0, weight.Attribute.Single(a => a.Name == "axis").I);
            Assert.Equal([channels], initializers[weight.Input[1]].Dims);
            Assert.True(q.RawData.Span.ToArray().All(b => (sbyte)b is >= -63 and <= 63), "7-bit weights");
            var bias = Dequantized(conv.Input[2]);
            Assert.Equal((int)TensorProto.Types.DataType.Int32, initializers[bias.Input[0]].DataType);
            Assert.Equal([channels], initializers[bias.Input[1]].Dims);
            // The output is quantized: directly, or after the ReLU that the zero-point-0 Q replaces.
            var next = readers[conv.Output[0]].Single();
            if (next.OpType == "Relu") next = readers[next.Output[0]].Single();
            Assert.Equal("QuantizeLinear", next.OpType);
        }
        var adds = graph.Node.Where(n => n.OpType == "Add").ToList();
        Assert.Equal(fp32.Count(n => n.OpType == "Add"), adds.Count);
        foreach (var add in adds)
            foreach (var input in add.Input) QuantizedActivation(input);
    }

    [Fact]
    public void Quantize_FromTheManifestsRecordedRanges_GivesTheBuiltFileByteForByte()
    {
        var manifest = BuiltInBackbones.ResNet18Int8;
        var recipe = manifest.Build!.Quantize!;
        Assert.Equal("resnet18", recipe.From);
        var options = recipe.ToOptions(manifest.ManifestPath);
        var fp32 = OnnxGraphs.Read(BuiltInBackbones.ResNet18.ModelPath);
        Assert.Equal(Int8Quantization.CalibrationTensors(fp32).Order(StringComparer.Ordinal), options.Ranges.Keys.Order(StringComparer.Ordinal));
        var bytes = Int8Quantization.Quantize(fp32, options).ToByteArray();
        Assert.Equal(manifest.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    [Fact]
    public void Quantize_WithoutARange_NamesTheTensor()
    {
        var fp32 = OnnxGraphs.Read(BuiltInBackbones.ResNet18.ModelPath);
        var e = Assert.Throws<UserInputException>(() => Int8Quantization.Quantize(fp32, new Int8QuantizationOptions()));
        Assert.Contains("'s0_PreprocessedInput'", e.Message);
    }

    [Fact]
    public void ActivationParameters_ReluRangeHasZeroPointZero_SignedRangeHoldsZeroExactly()
    {
        Assert.Equal((10f / 255, (byte)0), Int8Quantization.ActivationParameters(new TensorRange(0, 10)));
        var (scale, zero) = Int8Quantization.ActivationParameters(new TensorRange(-1, 3));
        Assert.Equal(4f / 255, scale, 1e-7f);
        Assert.Equal(64, zero); // round(1 / (4 / 255)) = round(63.75)
    }

    [Fact]
    public void Calibration_OnShippedImages_GivesOrderedRanges_ReluOutputsFromZero()
    {
        var fp32 = BuiltInBackbones.ResNet18;
        var tensors = Int8Quantization.CalibrationTensors(OnnxGraphs.Read(fp32.ModelPath));
        var images = TestData.Images(TestData.FashionTrain, 1).Select(i => i.Path).Take(4).ToList();
        var ranges = ActivationCalibration.Calibrate(fp32, tensors, images, batchSize: 4);
        Assert.Equal(tensors.Count, ranges.Count);
        Assert.All(ranges.Values, r => Assert.True(r.Min <= r.Max && float.IsFinite(r.Min) && float.IsFinite(r.Max)));
        Assert.All(tensors.Where(t => t.Contains("ReLU", StringComparison.Ordinal)), t => Assert.Equal(0f, ranges[t].Min));
        Assert.True(ranges["s0_PreprocessedInput"].Min < 0, "the mean-subtracted input has negative values");
    }

    [Fact]
    public void Int8Embeddings_OfShippedTestImages_HaveCosineToFp32_MeanAtLeast098_MinAtLeast095()
    {
        var dataset = DatasetLoader.Load(TestData.FashionTest);
        var subset = dataset.Subset(Enumerable.Range(0, dataset.Count).Where(i => i % 5 == 0).ToList()); // 20 images, every class
        float[][] Embed(BackboneManifest backbone)
        {
            using var embedder = new BatchedImageEmbedder(backbone, batchSize: 10);
            return embedder.Embed(subset, Dataset.ImagePathColumn, "embed");
        }
        var fp32 = Embed(BuiltInBackbones.ResNet18);
        var int8 = Embed(BuiltInBackbones.ResNet18Int8);
        var cosines = fp32.Zip(int8, (a, b) => TensorPrimitives.CosineSimilarity(a, b)).ToList();
        Assert.True(cosines.Average() >= 0.98, $"mean cosine {cosines.Average():F4}");
        Assert.True(cosines.Min() >= 0.95, $"min cosine {cosines.Min():F4}");
    }

    [Fact]
    public void ZipTrainedWithInt8_PlainMlNetApp_AndEvaluate_PredictAsTheTrainingRun()
    {
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "bag", "trouser", "sneaker");
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = train, Test = test, Out = Path.Combine(dir, "int8.zip"), Backbones = [BuiltInBackbones.ResNet18Int8Name],
                Trainer = HeadRegistry.Default.Get("lr"),
            });
            Assert.True(result.Metrics.Accuracy >= 0.8, $"accuracy {result.Metrics.Accuracy}");
            MetricsAssert.SameOutcome(result.Metrics, EvaluateWorkflow.Run(result.ModelPath, test));

            PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.Predict(result.ModelPath, result.TestPredictions.Select(p => p.Id)), result.TestPredictions, 1e-5f);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
