using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

public sealed class MlpTrainerTests
{
    /// <summary>Three Gaussian blobs in 6 dimensions, class c centred at 2*e_c.</summary>
    private static (float[][] X, int[] Y) Blobs(int perClass, int seed)
    {
        var random = new Random(seed);
        var x = new List<float[]>();
        var y = new List<int>();
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < perClass; i++)
            {
                x.Add(Enumerable.Range(0, 6).Select(j => (float)((j == c ? 2.0 : 0.0) + random.NextDouble() - 0.5)).ToArray());
                y.Add(c);
            }
        return (x.ToArray(), y.ToArray());
    }

    [Fact]
    public void Backward_MatchesFiniteDifferences()
    {
        var random = new Random(3);
        var network = MlpNetwork.Create([5, 4, 3, 3], random);
        for (var l = 0; l < network.Layers; l++)
            for (var i = 0; i < network.Biases[l].Length; i++) network.Biases[l][i] = (float)(random.NextDouble() - 0.5);
        const int rows = 4;
        var acts = network.NewActivations(rows);
        for (var i = 0; i < acts[0].Length; i++) acts[0][i] = (float)(random.NextDouble() * 2 - 1);
        int[] labels = [0, 2, 1, 2];
        float[] weights = [1f, 2f, 0.5f, 1f];
        var input = (float[])acts[0].Clone();

        double Loss()
        {
            var a = network.NewActivations(rows);
            input.CopyTo(a[0], 0);
            network.Forward(a, rows);
            double loss = 0, w = 0;
            for (var i = 0; i < rows; i++) { loss -= weights[i] * Math.Log(a[^1][i * 3 + labels[i]]); w += weights[i]; }
            return loss / w;
        }

        network.Forward(acts, rows);
        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        var scratch = new float[rows * 5];
        var loss = network.Backward(acts, rows, labels, weights, 0, gradW, gradB, scratch, new float[rows * 5]);
        Assert.Equal(Loss(), loss, 5);

        const float h = 1e-2f;
        var checkedCount = 0;
        foreach (var (parameters, gradients) in network.Weights.Zip(gradW).Concat(network.Biases.Zip(gradB)))
            for (var i = 0; i < parameters.Length; i++)
            {
                var original = parameters[i];
                parameters[i] = original + h;
                var up = Loss();
                parameters[i] = original - h;
                var down = Loss();
                parameters[i] = original;
                var numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - gradients[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                    $"parameter {i}: analytic {gradients[i]}, numeric {numeric}");
                checkedCount++;
            }
        Assert.Equal(5 * 4 + 4 * 3 + 3 * 3 + 4 + 3 + 3, checkedCount);
    }

    [Fact]
    public void Train_LearnsSeparableBlobs_Deterministically_AndKeepsTheBestEpoch()
    {
        var (x, y) = Blobs(60, seed: 1);
        var options = new MlpOptions { HiddenLayers = [16], MaxEpochs = 60, Patience = 5, Seed = 42 };
        var a = MlpTrainer.Train(x, y, 3, options);
        var b = MlpTrainer.Train(x, y, 3, options);

        var (testX, testY) = Blobs(30, seed: 2);
        var predicted = a.Predict(testX).Select(p => Array.IndexOf(p, p.Max())).ToArray();
        var accuracy = predicted.Zip(testY).Count(p => p.First == p.Second) / (double)testY.Length;
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy}");
        Assert.Equal(a.Predict(testX), b.Predict(testX));                    // same seed, same model
        Assert.NotEqual(a.Predict(testX), MlpTrainer.Train(x, y, 3, options with { Seed = 7 }).Predict(testX));
        var best = a.History.Where(e => e.IsBest).Last();
        Assert.Equal(a.History.Min(e => e.ValidationLoss), best.ValidationLoss);
    }

    [Fact]
    public void OnnxExport_EqualsInMemoryPredictions()
    {
        var (x, y) = Blobs(40, seed: 5);
        var model = MlpTrainer.Train(x, y, 3, new MlpOptions { HiddenLayers = [8, 8], MaxEpochs = 20, Seed = 1 });
        var ml = new MLContext(1);
        var view = new TableDataView(x.Length).AddVector("Features", x, new VectorDataViewType(NumberDataViewType.Single, 6))
            .AddText("Label", y.Select(c => $"c{c}").ToList());
        var head = MlpHead.Build(ml, model, ["c0", "c1", "c2"], view.Schema, "Features");
        using var _ = head as IDisposable;
        var scored = head.Transform(view);
        var onnx = scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        var memory = model.Predict(x);
        var maxDiff = onnx.Zip(memory).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
        Assert.True(maxDiff <= 1e-5, $"max abs diff {maxDiff}");

        var labels = scored.GetColumn<string>("PredictedLabel").ToArray();
        Assert.Equal(memory.Select(p => $"c{Array.IndexOf(p, p.Max())}"), labels);
    }
}
