using MlNetTransfer.Backbones;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace MlNetTransfer.Tests.FineTuning;

/// <summary>
/// On the real ResNet18: the manifest's cut points, trunk + generated stage == the original model before training, and
/// after training the written-back graph == the in-memory trained stage, with only initializer values changed.
/// </summary>
public sealed class ResNetStageTests
{
    private static readonly BackboneManifest ResNet = BuiltInBackbones.ResNet18;

    /// <summary>Two random "images" (pixel values 0..255, the model's input) as one batch.</summary>
    private static float[] Images(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 2 * 3 * 224 * 224).Select(_ => (float)(random.NextDouble() * 255)).ToArray();
    }

    private static float[] Run(byte[] model, string input, string output, float[] images)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(images, [2, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [input], [value], [output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static float[] StageOutput(StageGraph stage, StageParameters parameters, float[] cut)
    {
        using var session = new StageSession(stage, parameters, null, true, null);
        var size = stage.Cut.Size;
        return session.Forward([cut[..size], cut[size..]], [0, 1]).SelectMany(r => r).ToArray();
    }

    private static double MaxDiff(float[] a, float[] b) => a.Zip(b, (x, y) => (double)Math.Abs(x - y)).Max();

    [Theory]
    [InlineData(UnfreezeDepth.LastBlock, "s1_ReLU379_Output_0", 2, 4_720_640)]
    [InlineData(UnfreezeDepth.LastStage, "s1_ReLU347_Output_0", 7, 13_114_368)]
    public void Trunk_then_generated_stage_equals_the_original_model(UnfreezeDepth depth, string tensor, int convs, long values)
    {
        var cut = StageFineTuner.CutFor(ResNet, depth);
        Assert.Equal(tensor, cut.Tensor);
        var model = OnnxGraphs.Read(ResNet.ModelPath);
        var stage = StageGraph.Read(model, cut, ResNet.Output, ResNet.FineTuning!.Ops, ResNet.Name);
        var parameters = StageParameters.From(stage);
        Assert.Equal(convs, parameters.All.Count(p => p.Conv is not null));
        Assert.Equal(2 * convs, parameters.All.Count(p => p.Conv is null)); // a BatchNormalization scale and bias after every conv
        Assert.Equal(values, parameters.Count);

        var images = Images(1);
        var full = Run(Google.Protobuf.MessageExtensions.ToByteArray(model), ResNet.Input, ResNet.Output, images);
        var trunk = Run(Google.Protobuf.MessageExtensions.ToByteArray(OnnxGraphs.Truncate(model, cut.Tensor, [cut.Channels, cut.Height, cut.Width])), ResNet.Input, cut.Tensor, images);
        Assert.Equal(2 * cut.Size, trunk.Length);
        var staged = StageOutput(stage, parameters, trunk);
        Assert.Equal(2 * ResNet.EmbeddingSize, staged.Length);
        Assert.True(MaxDiff(full, staged) <= 1e-5 * Math.Max(1, full.Max(Math.Abs)), $"max |trunk + stage - original| = {MaxDiff(full, staged)} (largest value {full.Max(Math.Abs)})");
    }

    [Fact]
    public void The_written_back_model_equals_the_in_memory_trained_stage_and_only_initializer_values_change()
    {
        var cut = StageFineTuner.CutFor(ResNet, UnfreezeDepth.LastBlock);
        var original = OnnxGraphs.Read(ResNet.ModelPath);
        var images = Images(2);
        var trunk = Run(Google.Protobuf.MessageExtensions.ToByteArray(OnnxGraphs.Truncate(original, cut.Tensor, [cut.Channels, cut.Height, cut.Width])), ResNet.Input, cut.Tensor, images);

        // Training rows: the two trunk outputs, scaled, so the labels depend on the activations.
        var random = new Random(5);
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var label = i % 2;
            var source = trunk.AsSpan(label * cut.Size, cut.Size);
            rows.Add(source.ToArray().Select(v => v * (0.8f + 0.4f * random.NextSingle())).ToArray());
            labels.Add(label);
        }
        var options = new FineTuneOptions
        {
            Unfreeze = UnfreezeDepth.LastBlock,
            Epochs = 2,
            BackboneLearningRate = 1e-3f,
            Head = new MlpOptions { HiddenLayers = [16], MaxEpochs = 3, BatchSize = 6, ValidationFraction = 0, MinimumSteps = 0, Seed = 3 },
        };
        var epochs = new List<FineTuneEpoch>();
        var result = StageFineTuner.Train(ResNet, rows, labels, 2, options, new MlNetTransfer.Workflows.SynchronousProgress<FineTuneEpoch>(epochs.Add));
        Assert.Equal(2, result.BestEpoch);
        Assert.Equal([0, 1, 2], epochs.Select(e => e.Epoch));
        Assert.Contains("s left", epochs[^1].ToString());
        Assert.Equal(4_720_640, result.TrainedParameters); // two 3x3x512x512 convs + two BatchNorm scale/bias pairs

        var written = Google.Protobuf.MessageExtensions.ToByteArray(result.Backbone);
        var fineTuned = Run(written, ResNet.Input, ResNet.Output, images);
        var stage = StageGraph.Read(original, cut, ResNet.Output, ResNet.FineTuning!.Ops, ResNet.Name);
        var inMemory = StageOutput(stage, result.Parameters, trunk);
        var before = Run(Google.Protobuf.MessageExtensions.ToByteArray(original), ResNet.Input, ResNet.Output, images);
        Assert.True(MaxDiff(fineTuned, before) > 1e-3, "training changed nothing");
        Assert.True(MaxDiff(fineTuned, inMemory) <= 1e-5 * Math.Max(1, fineTuned.Max(Math.Abs)), $"max |written back - in memory| = {MaxDiff(fineTuned, inMemory)}");

        var after = result.Backbone;
        Assert.Equal(original.OpsetImport, after.OpsetImport);
        Assert.Equal(original.IrVersion, after.IrVersion);
        Assert.Equal(original.Graph.Node, after.Graph.Node);
        Assert.Equal(original.Graph.Input, after.Graph.Input);
        Assert.Equal(original.Graph.Output, after.Graph.Output);
        Assert.Equal(original.Graph.Initializer.Select(i => (i.Name, string.Join(",", i.Dims), i.DataType)), after.Graph.Initializer.Select(i => (i.Name, string.Join(",", i.Dims), i.DataType)));
        var changed = original.Graph.Initializer.Zip(after.Graph.Initializer).Count(p => !OnnxGraphs.FloatValues(p.First, "test").SequenceEqual(OnnxGraphs.FloatValues(p.Second, "test")));
        Assert.Equal(6, changed); // block C's two conv weights, two BN scales, two BN biases
    }
}
