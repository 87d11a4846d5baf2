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

    /// <summary>y = 1000 + 300·(x0² - x1) + 50·sin(3·x2), x uniform in [-1, 1]^4 (x3 is noise-free and unused): in grams-like units.</summary>
    private static (float[][] X, float[] Y) Curve(int rows, int seed)
    {
        var random = new Random(seed);
        var x = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var y = x.Select(r => (float)(1000 + 300 * (r[0] * r[0] - r[1]) + 50 * Math.Sin(3 * r[2]))).ToArray();
        return (x, y);
    }

    [Fact]
    public void BackwardRegression_MatchesFiniteDifferences()
    {
        var random = new Random(4);
        var network = MlpNetwork.Create([5, 4, 3, 1], random, MlpOutput.Linear);
        for (var l = 0; l < network.Layers; l++)
            for (var i = 0; i < network.Biases[l].Length; i++) network.Biases[l][i] = (float)(random.NextDouble() - 0.5);
        const int rows = 4;
        var acts = network.NewActivations(rows);
        for (var i = 0; i < acts[0].Length; i++) acts[0][i] = (float)(random.NextDouble() * 2 - 1);
        float[] targets = [0.5f, -1.2f, 2f, 0.1f];
        var input = (float[])acts[0].Clone();

        double Loss()
        {
            var a = network.NewActivations(rows);
            input.CopyTo(a[0], 0);
            network.Forward(a, rows);
            return Enumerable.Range(0, rows).Sum(i => Math.Pow(a[^1][i] - targets[i], 2)) / rows;
        }

        network.Forward(acts, rows);
        var gradW = network.Weights.Select(w => new float[w.Length]).ToArray();
        var gradB = network.Biases.Select(b => new float[b.Length]).ToArray();
        var loss = network.Backward(acts, rows, targets, 0, gradW, gradB, new float[rows * 5], new float[rows * 5]);
        Assert.Equal(Loss(), loss, 5);
        Assert.Throws<InvalidOperationException>(() => network.Backward(acts, rows, [0, 0, 0, 0], [1f, 1f, 1f, 1f], 0, gradW, gradB, new float[rows * 5], new float[rows * 5]));

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
        Assert.Equal(5 * 4 + 4 * 3 + 3 * 1 + 4 + 3 + 1, checkedCount);
    }

    [Fact]
    public void TrainRegression_LearnsACurveInItsUnits_Deterministically_AndKeepsTheBestEpoch()
    {
        var (x, y) = Curve(600, seed: 1);
        var options = new MlpOptions { HiddenLayers = [32], MaxEpochs = 150, Patience = 10, Seed = 42 };
        var a = MlpTrainer.TrainRegression(x, y, options);
        Assert.True(a.IsRegression);
        Assert.Equal(1, a.Classes);

        var (testX, testY) = Curve(200, seed: 2);
        var predicted = a.Predict(testX).Select(p => (double)p[0]).ToArray();
        var mean = testY.Average(v => (double)v);
        var r2 = 1 - predicted.Zip(testY, (p, t) => (p - t) * (p - t)).Sum() / testY.Sum(t => (t - mean) * (t - mean));
        Assert.True(r2 >= 0.95, $"R² {r2}");                                   // in the target's units, not standardised
        Assert.Equal(a.Predict(testX), MlpTrainer.TrainRegression(x, y, options).Predict(testX)); // same seed, same model
        Assert.NotEqual(a.Predict(testX), MlpTrainer.TrainRegression(x, y, options with { Seed = 7 }).Predict(testX));
        Assert.All(a.History, e => Assert.Null(e.ValidationAccuracy));
        var best = a.History.Where(e => e.IsBest).Last();
        Assert.Equal(a.History.Min(e => e.ValidationLoss), best.ValidationLoss);
        Assert.True(best.ValidationLoss < 0.1, $"standardised validation MSE {best.ValidationLoss}");
        Assert.DoesNotContain("accuracy", best.ToString());
        Assert.Throws<ArgumentException>(() => MlpTrainer.TrainRegression(x, y.Select((v, i) => i == 3 ? float.NaN : v).ToArray(), options));
    }

    [Fact]
    public void RandomSplit_HoldsOutTheFractionAtRandom()
    {
        var (train, validation) = MlpTrainer.RandomSplit(101, 0.1, new Random(0));
        Assert.Equal(10, validation.Length);
        Assert.Equal(Enumerable.Range(0, 101), train.Concat(validation).Order());
        Assert.NotEqual(Enumerable.Range(0, 10), validation);                    // not the first rows
        Assert.NotEqual(validation, MlpTrainer.RandomSplit(101, 0.1, new Random(1)).Validation);
        Assert.Empty(MlpTrainer.RandomSplit(1, 0.1, new Random(0)).Validation);
        Assert.Empty(MlpTrainer.RandomSplit(50, 0, new Random(0)).Validation);
    }

    [Fact]
    public void RegressionOnnxExport_EqualsInMemoryPredictions_AsAFloatScore()
    {
        var (x, y) = Curve(200, seed: 5);
        var model = MlpTrainer.TrainRegression(x, y, new MlpOptions { HiddenLayers = [8, 8], MaxEpochs = 20, Seed = 1 });
        var ml = new MLContext(1);
        var view = new TableDataView(x.Length).AddVector("Features", x, new VectorDataViewType(NumberDataViewType.Single, 4)).AddSingle("Label", y);
        var head = MlpRegressionHead.Build(ml, model, view.Schema, "Features");
        using var _ = head as IDisposable;
        var scored = head.Transform(view);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.Null(scored.Schema.GetColumnOrNull("mlp.prediction"));
        var onnx = scored.GetColumn<float>("Score").ToArray();
        var memory = model.Predict(x).Select(p => p[0]).ToArray();
        var maxDiff = onnx.Zip(memory).Max(p => Math.Abs(p.First - p.Second) / Math.Abs(p.Second));
        Assert.True(maxDiff <= 1e-5, $"max relative diff {maxDiff}");
        Assert.Throws<ArgumentException>(() => MlpRegressionHead.Build(ml, MlpTrainer.Train(x, y.Select(v => v > 1000 ? 1 : 0).ToArray(), 2,
            new MlpOptions { MaxEpochs = 1 }), view.Schema, "Features"));
    }
}
