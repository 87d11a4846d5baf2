using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.FineTuning;

namespace MlNetTransfer.Tests.FineTuning;

/// <summary>
/// The generated graphs against references: the forward graph (channels-last im2col + MatMul) against ONNX Runtime running
/// the original NCHW operators, and the training step's gradients (generated in double) against central finite
/// differences of its own loss in double, for each operator and for whole residual blocks.
/// </summary>
public sealed class GradientGraphsTests
{
    public static TheoryData<string> Cases() => new(SyntheticStage.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_forward_graph_equals_onnx_runtime_on_the_original_operators(string name)
    {
        var model = SyntheticStage.Build(name);
        var stage = StageGraph.Read(model, SyntheticStage.Cut, SyntheticStage.Output, StageGraph.SupportedOps, "synthetic");
        var parameters = StageParameters.From(stage);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, SyntheticStage.Cut.Size).Select(_ => (float)random.NextDouble() * 2 - 0.5f).ToArray()).ToList();

        using var reference = new InferenceSession(SyntheticStage.Bytes(model));
        using var input = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => r).ToArray(), [rows.Count, 3, 6, 6]);
        using var runOptions = new RunOptions();
        using var outputs = reference.Run(runOptions, [SyntheticStage.Input], [input], [SyntheticStage.Output]);
        var expected = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        using var session = new StageSession(stage, parameters, null, trainBatchNorm: true, threads: 1);
        var actual = session.Forward(rows, Enumerable.Range(0, rows.Count).ToArray(), batch: 2).SelectMany(r => r).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-5, $"max |generated - ORT| = {worst}");
        Assert.True(expected.Max(Math.Abs) > 0.1, "the reference output is not trivial");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_gradients_match_double_precision_finite_differences(string name)
    {
        var model = SyntheticStage.Build(name);
        var stage = StageGraph.Read(model, SyntheticStage.Cut, SyntheticStage.Output, StageGraph.SupportedOps, "synthetic");
        var parameters = StageParameters.From(stage);
        int[] sizes = [stage.EmbeddingSize, 5, 3];
        var graph = GradientGraphs.TrainStep(stage, parameters, sizes, trainBatchNorm: true, isDouble: true);
        using var session = new InferenceSession(graph.ToByteArray());
        var outputNames = graph.Graph.Output.Select(o => o.Name).ToArray();

        var random = new Random(7);
        const int rows = 4;
        double Uniform(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        var inputs = new Dictionary<string, (double[] Values, long[] Dims)>(StringComparer.Ordinal)
        {
            [GradientGraphs.CutInput] = (Enumerable.Range(0, rows * SyntheticStage.Cut.Size).Select(_ => Uniform(-0.5, 1.5)).ToArray(), [rows, SyntheticStage.Cut.Size]),
            [GradientGraphs.HeadMean] = (Enumerable.Range(0, sizes[0]).Select(_ => Uniform(-0.2, 0.2)).ToArray(), [sizes[0]]),
            [GradientGraphs.HeadInverseStd] = (Enumerable.Range(0, sizes[0]).Select(_ => Uniform(0.5, 2)).ToArray(), [sizes[0]]),
            [GradientGraphs.Mask(0)] = (Enumerable.Range(0, rows * sizes[1]).Select(_ => random.NextDouble() < 0.2 ? 0 : 1.25).ToArray(), [rows, sizes[1]]),
        };
        for (var l = 0; l < 2; l++)
        {
            inputs[GradientGraphs.HeadWeight(l)] = (Enumerable.Range(0, sizes[l] * sizes[l + 1]).Select(_ => Uniform(-1, 1)).ToArray(), [sizes[l], sizes[l + 1]]);
            inputs[GradientGraphs.HeadBias(l)] = (Enumerable.Range(0, sizes[l + 1]).Select(_ => Uniform(-0.5, 0.5)).ToArray(), [sizes[l + 1]]);
        }
        var targets = new double[rows * 3];
        double[] rowWeights = [0.1, 0.2, 0.3, 0.4];
        for (var i = 0; i < rows; i++) targets[i * 3 + i % 3] = rowWeights[i];
        inputs[GradientGraphs.Targets] = (targets, [rows, 3]);
        foreach (var p in parameters.All) inputs[p.Name] = (p.Values.Select(v => (double)v).ToArray(), p.Dims);

        Dictionary<string, double[]> Run()
        {
            var values = inputs.Select(kv => OrtValue.CreateTensorValueFromMemory(kv.Value.Values, kv.Value.Dims)).ToList();
            try
            {
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, inputs.Keys.ToList(), values, outputNames);
                return outputNames.Select((n, i) => (n, outputs[i].GetTensorDataAsSpan<double>().ToArray())).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
            }
            finally
            {
                foreach (var v in values) v.Dispose();
            }
        }

        var analytic = Run();
        var trainable = parameters.All.Select(p => p.Name).Concat(Enumerable.Range(0, 2).SelectMany(l => new[] { GradientGraphs.HeadWeight(l), GradientGraphs.HeadBias(l) })).ToList();
        Assert.Equal(trainable.Count + 1, outputNames.Length); // every trainable tensor has its gradient, plus the loss
        const double h = 1e-5;
        var checkedValues = 0;
        var worst = 0.0;
        foreach (var tensor in trainable)
        {
            var values = inputs[tensor].Values;
            var gradient = analytic[GradientGraphs.Gradient(tensor)];
            Assert.Equal(values.Length, gradient.Length);
            foreach (var i in Enumerable.Range(0, values.Length).OrderBy(_ => random.Next()).Take(6))
            {
                var saved = values[i];
                values[i] = saved + h;
                var plus = Run()[GradientGraphs.Loss][0];
                values[i] = saved - h;
                var minus = Run()[GradientGraphs.Loss][0];
                values[i] = saved;
                var numeric = (plus - minus) / (2 * h);
                var error = Math.Abs(numeric - gradient[i]) / Math.Max(Math.Abs(numeric), 1e-3);
                worst = Math.Max(worst, error);
                Assert.True(error < 1e-6, $"{tensor}[{i}]: generated {gradient[i]:G10}, finite difference {numeric:G10}");
                checkedValues++;
            }
        }
        Assert.True(analytic[GradientGraphs.Loss][0] > 0);
        Assert.True(checkedValues >= 6 * trainable.Count / 2, $"checked {checkedValues} values, worst relative error {worst:E2}");
    }

    [Fact]
    public void An_operator_the_generator_does_not_support_is_refused_by_name()
    {
        var s = new SyntheticStage(1);
        var model = s.Finish(s.Op("Sigmoid", s.Conv(SyntheticStage.Input, 3, 4, 3, 1, [1, 1, 1, 1])), 6, 4);
        var unsupported = Assert.Throws<UserInputException>(() => StageGraph.Read(model, SyntheticStage.Cut, SyntheticStage.Output, [.. StageGraph.SupportedOps, "Sigmoid"], "mine"));
        Assert.Contains("does not support operator 'Sigmoid'", unsupported.Message);
        Assert.Contains("backbone 'mine'", unsupported.Message);
        var unlisted = Assert.Throws<UserInputException>(() => StageGraph.Read(model, SyntheticStage.Cut, SyntheticStage.Output, ["Conv", "AveragePool", "Flatten"], "mine"));
        Assert.Contains("operator 'Sigmoid' is not among the manifest's fineTuning.ops", unlisted.Message);
    }
}
