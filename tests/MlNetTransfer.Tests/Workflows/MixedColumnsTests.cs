using System.Globalization;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// One CSV with an image-path column, a text column and a numeric column trains one model: each column through its
/// featurizer, all concatenated, then the head; the zip predicts the same after reload.
/// </summary>
public sealed class MixedColumnsTests
{
    private static readonly string[] Classes = ["bag", "sandal", "trouser"];

    /// <summary>
    /// Rows of the shipped Fashion-MNIST images of three classes. The text column says something about the class only
    /// half of the time (otherwise neutral words); the numeric column is noise with gaps (missing values).
    /// </summary>
    private static string WriteCsv(string dir, string split, string file)
    {
        var random = new Random(split == "train" ? 1 : 2);
        var lines = new List<string> { "photo,description,weight,label" };
        var source = split == "train" ? TestData.FashionTrain : TestData.FashionTest;
        foreach (var label in Classes)
            foreach (var image in Directory.GetFiles(Path.Combine(source, label)).Order(StringComparer.Ordinal))
            {
                var hint = random.Next(2) == 0 ? $"a {label} in stock" : "an item in stock";
                var weight = random.Next(5) == 0 ? "" : (random.NextDouble() * 3).ToString("0.00", CultureInfo.InvariantCulture);
                lines.Add($"{Path.GetRelativePath(dir, image)},\"{hint}, ships today\",{weight},{label}");
            }
        var path = Path.Combine(dir, file);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void TextNumericAndImageColumns_TrainOneModel_ThatRoundTripsThroughTheZip()
    {
        var dir = TestData.TempDir();
        try
        {
            var train = WriteCsv(dir, "train", "train.csv");
            var test = WriteCsv(dir, "test", "test.csv");
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = train,
                Test = test,
                Out = Path.Combine(dir, "mixed.zip"),
                ImageColumns = ["photo"],
                TextColumns = ["description"],
                NumericColumns = ["weight"],
            });
            Assert.Equal(Classes, result.Metrics.Labels);
            Assert.Equal(30, result.Metrics.Examples);
            Assert.True(result.Metrics.Accuracy >= 0.9, $"accuracy {result.Metrics.Accuracy}");

            var predictions = PredictWorkflow.Many(result.ModelPath, test, Path.Combine(dir, "predictions.csv"));
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));
            for (var i = 0; i < predictions.Count; i++)
                for (var k = 0; k < Classes.Length; k++)
                    Assert.Equal(result.TestPredictions[i].Probabilities[k], predictions[i].Probabilities[k], 1e-5);
            MetricsAssert.SameOutcome(result.Metrics, EvaluateWorkflow.Run(result.ModelPath, test));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
