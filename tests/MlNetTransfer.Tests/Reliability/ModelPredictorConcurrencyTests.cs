using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// One loaded <see cref="ModelPredictor"/> used by eight threads at once gives, for every input, exactly the
/// prediction it gives when called from one thread (a shared PredictionEngine mixes up rows or throws), and creates no
/// more engines than there were concurrent callers.
/// </summary>
[Collection(ReliabilityModelsCollection.Name)]
public sealed class ModelPredictorConcurrencyTests(ReliabilityModels models)
{
    private const int Threads = 8;

    [Fact]
    public void ImageModel_EightThreadsAtOnce_PredictExactlyAsOneThreadDoes()
    {
        var images = ReliabilityModels.FashionTestImages;
        using var predictor = ModelPredictor.Load(models.FashionZip);
        Assert.True(predictor.IsImageModel);
        var sequential = images.Select(predictor.Predict).ToList();

        // The pooled engines are the saved zip's own path: the batch path of predict --data agrees.
        var dir = TestData.TempDir();
        try
        {
            var batch = PredictWorkflow.Many(models.FashionZip, TestData.FashionTest, Path.Combine(dir, "p.csv"));
            Assert.Equal(batch.Select(p => p.Id), sequential.Select(p => p.Id));
            Assert.Equal(batch.Select(p => p.Predicted), sequential.Select(p => p.Predicted));
            for (var i = 0; i < batch.Count; i++)
                for (var k = 0; k < predictor.Labels.Count; k++)
                    Assert.Equal(batch[i].Probabilities[k], sequential[i].Probabilities[k], 1e-5);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        AssertParallelEqualsSequential(predictor, images, sequential, perThread: 40);
    }

    [Fact]
    public void TextModel_EightThreadsAtOnce_PredictExactlyAsOneThreadDoes()
    {
        var texts = ReliabilityModels.SpamTestTexts;
        using var predictor = ModelPredictor.Load(models.SpamTfidfZip);
        Assert.False(predictor.IsImageModel);
        Assert.Equal("text", predictor.InputColumn);
        Assert.Equal(["ham", "spam"], predictor.Labels);
        var sequential = texts.Select(predictor.Predict).ToList();
        // Not a constant model: both labels come out, and the probabilities are real distributions.
        Assert.Equal(2, sequential.Select(p => p.Predicted).Distinct().Count());
        Assert.All(sequential, p => Assert.Equal(1.0, p.Probabilities.Sum(), 1e-5));

        AssertParallelEqualsSequential(predictor, texts, sequential, perThread: 150);
    }

    [Fact]
    public void Predict_AfterDispose_Throws_AndMissingOrCorruptImages_AreUserErrorsThatLeaveThePoolUsable()
    {
        var dir = TestData.TempDir();
        try
        {
            var image = ReliabilityModels.FashionTestImages[0];
            var predictor = ModelPredictor.Load(models.FashionZip);
            var expected = predictor.Predict(image);

            var missing = Path.Combine(dir, "missing.png");
            Assert.Contains(missing, Assert.Throws<UserInputException>(() => predictor.Predict(missing)).Message);
            var corrupt = Path.Combine(dir, "corrupt.png");
            File.WriteAllBytes(corrupt, Enumerable.Range(0, 300).Select(i => (byte)(i * 31)).ToArray());
            var error = Assert.Throws<UserInputException>(() => predictor.Predict(corrupt));
            Assert.Contains(corrupt, error.Message);
            Assert.Contains("not a decodable image", error.Message);

            var again = predictor.Predict(image);
            Assert.Equal(expected.Predicted, again.Predicted);
            Assert.Equal(expected.Probabilities, again.Probabilities);

            predictor.Dispose();
            Assert.Throws<ObjectDisposedException>(() => predictor.Predict(image));
            predictor.Dispose(); // twice is fine
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Eight threads released together, each predicting <paramref name="perThread"/> inputs in its own order (so they
    /// are on different inputs at the same moment); every result must equal the sequential one bit for bit.
    /// </summary>
    private static void AssertParallelEqualsSequential(ModelPredictor predictor, IReadOnlyList<string> inputs,
        IReadOnlyList<Prediction> sequential, int perThread)
    {
        var results = new (int Index, Prediction Prediction)[Threads][];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                var mine = new (int, Prediction)[perThread];
                start.SignalAndWait();
                for (var j = 0; j < perThread; j++)
                {
                    var index = (t * 17 + j * (2 * t + 1)) % inputs.Count;
                    mine[j] = (index, predictor.Predict(inputs[index]));
                }
                results[t] = mine;
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(errors, e => Assert.True(e is null, e?.ToString()));
        Assert.InRange(predictor.EnginesCreated, 1, Threads);
        var compared = 0;
        foreach (var (index, prediction) in results.SelectMany(r => r))
        {
            var expected = sequential[index];
            Assert.Equal(expected.Id, prediction.Id);
            Assert.True(expected.Predicted == prediction.Predicted && expected.Probabilities.SequenceEqual(prediction.Probabilities),
                $"input {index}: parallel {prediction.Predicted} [{string.Join(", ", prediction.Probabilities)}], sequential {expected.Predicted} [{string.Join(", ", expected.Probabilities)}]");
            compared++;
        }
        Assert.Equal(Threads * perThread, compared);
    }
}
