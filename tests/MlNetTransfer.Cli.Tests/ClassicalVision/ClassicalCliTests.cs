using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests.ClassicalVision;

/// <summary>
/// <c>--backbone classical</c> through the app: train on the shipped Fashion-MNIST subset well above chance, the zip
/// evaluates and predicts as the training run did, featurize writes its 1,868 slots, a corrupt image follows the bad-input
/// policy, and odd names are user errors.
/// </summary>
public sealed class ClassicalCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Train_with_classical_features_beats_chance_and_the_zip_reproduces_the_metrics()
    {
        _dir.Run("train", "--data", TestData.FashionTrain, "--test", TestData.FashionTest, "--backbone", "classical",
            "--out", _dir["m.zip"], "--metrics-json", _dir["train.json"], "--no-cache").Succeeded();
        var trained = MetricsJson.Read(_dir["train.json"]);
        // 300 training images, 100 test images of 10 classes: chance is 0.1; measured 0.75.
        Assert.True(trained.Accuracy >= 0.55, $"accuracy {trained.Accuracy}");
        Assert.Equal(100, trained.Examples);

        _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", TestData.FashionTest, "--metrics-json", _dir["eval.json"]).Succeeded();
        var evaluated = MetricsJson.Read(_dir["eval.json"]);
        Assert.Equal(trained.Accuracy, evaluated.Accuracy);
        Assert.Equal(trained.ConfusionMatrix, evaluated.ConfusionMatrix);
        Assert.Equal(trained.LogLoss, evaluated.LogLoss, 1e-5);

        var image = TestData.Images(TestData.FashionTest)[0].Path;
        var predicted = _dir.Run("predict", "--model", _dir["m.zip"], "--input", image).Succeeded();
        Assert.Contains(TestData.FashionLabels, label => Regex.IsMatch(predicted.Stdout, $@"\b{Regex.Escape(label)}\b"));
    }

    [Fact]
    public void Featurize_writes_1868_classical_slots_per_image()
    {
        var data = _dir.ImageFolder(perClass: 2);
        _dir.Run("featurize", "--data", data, "--backbone", "classical", "--out", _dir["f.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(2 + 1868, header.Count);
        Assert.Equal("ImagePath.classical_0", header[2]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.All(r.Skip(2).Select(TestData.ParseDouble), v => Assert.InRange(v, 0, 1)));
    }

    [Fact]
    public void A_corrupt_image_stops_training_naming_it_and_skip_leaves_it_out()
    {
        var data = _dir.ImageFolder(perClass: 4);
        var bad = Path.Combine(data, "coat", "corrupt.png");
        File.WriteAllBytes(bad, Enumerable.Range(0, 2048).Select(i => (byte)(i * 37 % 251)).ToArray());

        var error = _dir.Run("train", "--data", data, "--test", data, "--backbone", "classical", "--out", _dir["m.zip"]).UserError();
        Assert.Contains(bad, error);
        Assert.Contains("is not a decodable image", error);
        Assert.Contains("--on-bad-input skip", error);
        Assert.False(File.Exists(_dir["m.zip"]));

        _dir.Run("train", "--data", data, "--test", data, "--backbone", "classical", "--out", _dir["m.zip"], "--on-bad-input", "skip").Succeeded();
        Assert.Contains(bad, File.ReadAllText(_dir["m.bad-inputs.csv"]));
        Assert.True(File.Exists(_dir["m.zip"]));
    }

    [Theory]
    [InlineData("classical-60", "Image featurizer 'classical-60': the image size must be a multiple of 8 from 16 to 512 pixels (got 60).")]
    [InlineData("classical-big", "Image featurizer 'classical-big': 'big' is not a size")]
    [InlineData("classicl", "Image featurizers without an ONNX file: classical, classical-<size>.")]
    public void An_odd_classical_name_is_a_user_error_naming_it(string name, string expected)
    {
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--backbone", name, "--out", _dir["m.zip"]).UserError();
        Assert.Contains(expected, error);
        Assert.False(File.Exists(_dir["m.zip"]));
    }

    [Fact]
    public void Backbones_lists_classical_as_an_image_featurizer_of_1868_values()
    {
        var result = _dir.Run("backbones").Succeeded();
        var row = result.Stdout.Split('\n').FirstOrDefault(l => Regex.IsMatch(l, @"^\W*classical\s")); // the name cell, not a path through wt-classical
        Assert.True(row is not null, result.Describe());
        Assert.Matches(@"\b1868\b", row);
        Assert.Contains("image", row);
    }
}
