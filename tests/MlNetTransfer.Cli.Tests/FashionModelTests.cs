using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>train → evaluate → predict → inspect on one lr model trained once (see <see cref="FashionModelFixture"/>).</summary>
public sealed class FashionModelTests(FashionModelFixture model) : IClassFixture<FashionModelFixture>
{
    private static readonly string[] MulticlassKeys =
        ["task", "examples", "accuracy", "macroAccuracy", "macroF1", "logLoss", "labels", "confusionMatrix"];

    [Fact]
    public void Train_writes_the_model_and_multiclass_metrics_json()
    {
        model.Train.Succeeded();
        Assert.True(File.Exists(model.ModelZip), "model zip not written\n" + model.Train.Describe());
        Assert.True(new FileInfo(model.ModelZip).Length > 1_000_000, "the zip should embed the ResNet18 backbone");
        Assert.Empty(Directory.GetFiles(model.Dir.Path, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(model.Dir.Path, ".*")));

        var m = MetricsJson.Read(model.MetricsPath);
        Assert.Equal(MulticlassKeys, m.Keys); // exactly these keys, in this order: no auc for multiclass
        Assert.Equal("multiclass", m.Task);
        Assert.Null(m.Auc);
        Assert.Equal(100, m.Examples);
        Assert.Equal(TestData.FashionLabels, m.Labels);
        Assert.Equal(10, m.Labels.Count);
        m.AssertConsistent();
        Assert.All(m.ConfusionMatrix, row => Assert.Equal(10, row.Sum())); // 10 test images per class
        Assert.True(m.Accuracy >= 0.6, $"accuracy {m.Accuracy} (measured 0.69)");
        Assert.True(m.MacroF1 >= 0.5, $"macroF1 {m.MacroF1}");
        Assert.True(m.LogLoss < 2.0, $"logLoss {m.LogLoss} (chance is ln 10 = 2.30)");
        Assert.Contains("multiclass", model.Train.Stdout);
    }

    [Fact]
    public void Evaluate_of_the_saved_zip_reproduces_the_training_metrics_exactly()
    {
        model.Train.Succeeded();
        using var dir = new TempDir();
        dir.Run("evaluate", "--model", model.ModelZip, "--data", TestData.FashionTest, "--metrics-json", dir["e.json"]).Succeeded();
        MetricsJson.AssertSameOutcome(model.MetricsPath, dir["e.json"]);
    }

    [Fact]
    public void Evaluate_on_a_csv_without_an_ImagePath_column_says_the_folder_trained_model_reads_that_column()
    {
        model.Train.Succeeded();
        using var dir = new TempDir();
        var image = Directory.GetFiles(Path.Combine(TestData.FashionTest, "bag"))[0];
        File.WriteAllLines(dir["d.csv"], ["path,label", $"{image},bag"]);
        var error = dir.Run("evaluate", "--model", model.ModelZip, "--data", dir["d.csv"]).UserError();
        Assert.Contains("has no column 'ImagePath'", error);
        Assert.Contains("The model was trained on a folder of images and reads image paths from a column named 'ImagePath'", error);
    }

    [Fact]
    public void Predict_data_writes_one_row_per_image_with_a_score_per_sorted_label()
    {
        model.Train.Succeeded();
        model.Predictions.Succeeded();
        var labels = TestData.FashionLabels;
        var (header, rows) = TestData.ReadCsv(model.PredictionsCsv);
        Assert.Equal(["path_or_row", "predicted", .. labels.Select(l => "score_" + l)], header);
        Assert.Equal("score_ankle-boot", header[2]);
        Assert.Equal(100, rows.Count);

        var images = TestData.Images(TestData.FashionTest);
        Assert.Equal(images.Select(i => i.Path).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        var truth = images.ToDictionary(i => i.Path, i => i.Label);

        var confusion = new int[10, 10];
        foreach (var row in rows)
        {
            var scores = row.Skip(2).Select(TestData.ParseDouble).ToArray();
            Assert.All(scores, s => Assert.InRange(s, 0, 1));
            Assert.True(Math.Abs(scores.Sum() - 1) < 1e-4, $"scores of {row[0]} sum to {scores.Sum()}");
            var argmax = Array.IndexOf(scores, scores.Max());
            Assert.True(labels[argmax] == row[1], $"{row[0]}: predicted {row[1]} but the highest score is {labels[argmax]}");
            confusion[labels.ToList().IndexOf(truth[row[0]]), argmax]++;
        }

        // The CSV's predictions are the ones the training run scored: same confusion matrix as its metrics.
        var m = MetricsJson.Read(model.MetricsPath);
        for (var i = 0; i < 10; i++)
            Assert.Equal(m.ConfusionMatrix[i], Enumerable.Range(0, 10).Select(j => confusion[i, j]).ToList());
    }

    [Fact]
    public void Predict_input_prints_the_same_prediction_and_probabilities_as_the_batch()
    {
        model.Train.Succeeded();
        model.Predictions.Succeeded();
        var image = TestData.Images(TestData.FashionTest)[43].Path; // a dress, mid-dataset
        using var dir = new TempDir();
        var one = dir.Run("predict", "--model", model.ModelZip, "--input", image).Succeeded();

        var (header, rows) = TestData.ReadCsv(model.PredictionsCsv);
        var batch = rows.Single(r => r[0] == image);
        var predicted = Regex.Match(one.Stdout, @"^predicted: (\S+)\s*$", RegexOptions.Multiline);
        Assert.True(predicted.Success, one.Describe());
        Assert.Equal(batch[1], predicted.Groups[1].Value);

        // The table lists every label with its probability (4 decimals), highest first.
        var table = Regex.Matches(one.Stdout, @"^\W*(?<label>[a-z][a-z-]*)\s*\W\s*(?<p>\d\.\d{4})\W*$", RegexOptions.Multiline)
            .ToDictionary(x => x.Groups["label"].Value, x => TestData.ParseDouble(x.Groups["p"].Value));
        Assert.Equal(TestData.FashionLabels.Order(), table.Keys.Order());
        for (var k = 2; k < header.Count; k++)
            Assert.Equal(TestData.ParseDouble(batch[k]), table[header[k]["score_".Length..]], 5e-5);
        Assert.Equal(table.Values.OrderByDescending(p => p), table.Values);

        // A folder given as --input is called a folder (it was "Image '<folder>' does not exist").
        Assert.Equal($"error: '{TestData.FashionTest}' is a folder, not an image file (a folder of images is predicted with --data and --out).",
            dir.Run("predict", "--model", model.ModelZip, "--input", TestData.FashionTest).UserError());
    }

    [Fact]
    public void Inspect_of_the_zip_lists_its_steps_and_columns()
    {
        model.Train.Succeeded();
        using var dir = new TempDir();
        var inspect = dir.Run("inspect", model.ModelZip).Succeeded();
        var steps = Regex.Matches(inspect.Stdout, @"^\s*\d+\. (\S+)\s*$", RegexOptions.Multiline).Select(x => x.Groups[1].Value).ToList();
        Assert.Contains("ImageLoadingTransformer", steps);
        Assert.Contains("OnnxTransformer", steps);
        Assert.True(steps.IndexOf("ImageLoadingTransformer") < steps.IndexOf("OnnxTransformer"), string.Join(", ", steps));
        Assert.Matches(@"(?m)^\s*ImagePath: String\s*$", inspect.Stdout);
        Assert.Matches(@"(?m)^\s*PredictedLabel: String\s*$", inspect.Stdout);
        Assert.Matches(@"(?m)^\s*Score: Vector<Single, 10>\s*$", inspect.Stdout);
    }
}
