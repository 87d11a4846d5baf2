using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <see cref="ModelPredictor"/> serves a regression zip with one text input (written by <c>train --task regression</c>):
/// the same numbers as <c>predict</c>, from many threads at once; a classifier refuses <see cref="ModelPredictor.PredictValue"/>.
/// </summary>
public sealed class RegressionPredictorTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Reviews whose score is the number of good words minus the number of bad ones, plus a bias of 3.</summary>
    private static IEnumerable<(string Text, float Score)> Reviews(int seed, int count)
    {
        string[] good = ["great", "lovely", "fast", "sturdy", "bright"], bad = ["awful", "broken", "slow", "flimsy", "dull"],
            filler = ["the", "box", "arrived", "item", "colour", "price", "we", "it"];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            int g = random.Next(0, 4), b = random.Next(0, 4);
            var words = Enumerable.Range(0, g).Select(_ => good[random.Next(good.Length)])
                .Concat(Enumerable.Range(0, b).Select(_ => bad[random.Next(bad.Length)]))
                .Concat(Enumerable.Range(0, 3).Select(_ => filler[random.Next(filler.Length)]))
                .OrderBy(_ => random.Next()).ToList();
            yield return (string.Join(' ', words), 3 + g - b);
        }
    }

    private static void WriteCsv(string path, IEnumerable<(string Text, float Score)> rows) =>
        File.WriteAllLines(path, ["review,score", .. rows.Select(r => $"\"{r.Text}\",{r.Score}")]);

    [Fact]
    public void ATextRegressionZip_PredictsTheNumbersPredictWrites_FromEightThreads()
    {
        var train = Path.Combine(_dir, "train.csv");
        var test = Path.Combine(_dir, "test.csv");
        WriteCsv(train, Reviews(1, 300));
        WriteCsv(test, Reviews(2, 40));
        var result = TrainWorkflow.Run(new TrainOptions
        {
            Data = train, Test = test, Label = "score", Out = Path.Combine(_dir, "m.zip"), Task = MlNetTransfer.Datasets.LearningTask.Regression,
            RegressionTrainer = RegressionHeadRegistry.Default.Get("linear"),
        });
        Assert.True(result.RegressionMetrics!.R2 > 0.8, $"R² {result.RegressionMetrics.R2}: the head did not learn the score");
        var written = PredictWorkflow.Write(result.ModelPath, test, Path.Combine(_dir, "p.csv"));
        var texts = Reviews(2, 40).Select(r => r.Text).ToArray();

        using var predictor = ModelPredictor.Load(result.ModelPath);
        Assert.True(predictor.IsRegression);
        Assert.False(predictor.IsImageModel);
        Assert.Equal("review", predictor.InputColumn);
        Assert.Empty(predictor.Labels);
        var values = new float[Threads][];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
            values[t] = texts.Select(text => predictor.PredictValue(text).Value).ToArray());
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = float.Parse(written.Predictions[i].Predicted, System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(values, v => Assert.Equal(expected, v[i], 1e-5f));
            var prediction = predictor.Predict(texts[i]);
            Assert.Equal(written.Predictions[i].Predicted, prediction.Predicted);
            Assert.Empty(prediction.Probabilities);
            Assert.Equal(texts[i], prediction.Id);
        }
        Assert.True(values[0].Distinct().Count() > 3, "a constant model");
    }

    [Fact]
    public void AClassifier_RefusesPredictValue_NamingPredict()
    {
        var train = Path.Combine(_dir, "train.csv");
        File.WriteAllLines(train, ["review,label", .. Reviews(3, 60).Select(r => $"\"{r.Text}\",{(r.Score > 3 ? "good" : "bad")}")]);
        var result = TrainWorkflow.Run(new TrainOptions { Data = train, Label = "label", Out = Path.Combine(_dir, "c.zip") });
        using var predictor = ModelPredictor.Load(result.ModelPath);
        Assert.False(predictor.IsRegression);
        var e = Assert.Throws<InvalidOperationException>(() => predictor.PredictValue("great fast"));
        Assert.Contains("use Predict", e.Message);
    }

    private const int Threads = 8;
}
