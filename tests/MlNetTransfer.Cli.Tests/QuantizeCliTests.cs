namespace MlNetTransfer.Cli.Tests;

/// <summary>--quantize int8 and --calibration-images of train and featurize: refused clearly where they do not apply; a tiny end-to-end run.</summary>
public sealed class QuantizeCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Quantize_is_refused_for_unknown_values_int8_or_recipe_less_backbones_features_unfreeze_parquet_and_text_only_data()
    {
        var data = _dir.ImageFolder(perClass: 2);
        string Refused(params string[] args) => _dir.Run(["train", "--data", data, "--out", _dir["m.zip"], .. args]).UserError();
        Assert.Contains("unknown --quantize 'fp16': expected int8", Refused("--quantize", "fp16"));
        Assert.Contains("--calibration-images is only used with --quantize int8", Refused("--calibration-images", "10"));
        Assert.Contains("--calibration-images must be at least 1 (got 0)", Refused("--quantize", "int8", "--calibration-images", "0"));
        Assert.Contains("--quantize int8: backbone 'resnet18-int8' is already int8", Refused("--quantize", "int8", "--backbone", "resnet18-int8"));
        Assert.Contains("--quantize int8 quantizes ONNX image backbones that have a quantization recipe (resnet18); 'classical' is not an ONNX backbone",
            Refused("--quantize", "int8", "--backbone", "classical"));
        Assert.Contains("'minilm' is a text backbone", Refused("--quantize", "int8", "--backbone", "minilm"));
        // A user's ONNX backbone (here resnet18's own file under a manifest of the user's): no int8 manifest names it.
        var mine = _dir.Csv("mine.json", System.Text.Json.JsonSerializer.Serialize(new
        {
            name = "mine", kind = "image", file = TestData.Resnet18Onnx, input = "image", output = "embedding", embeddingSize = 512,
            image = new { width = 224, height = 224, channelOrder = "rgb", interleaved = false, offset = 0, scale = 1, resizing = "isoCrop" },
        }));
        Assert.Contains("'mine' has none (no int8 manifest in the folder of", Refused("--quantize", "int8", "--backbone", mine));
        Assert.Contains("--quantize int8 cannot be combined with --unfreeze", Refused("--quantize", "int8", "--unfreeze", "last-block", "--trainer", "mlp"));
        File.WriteAllText(_dir["f.parquet"], "not read: the options are checked first");
        var features = _dir.Run("train", "--features", _dir["f.parquet"], "--out", _dir["m.zip"], "--quantize", "int8").UserError();
        Assert.Contains("--quantize int8 calibrates the backbone on the training images: it cannot start from stored features", features);
        var parquet = _dir.Run("featurize", "--data", data, "--out", _dir["f2.parquet"], "--quantize", "int8").UserError();
        Assert.Contains("write a .csv (features for use outside train), or train with --quantize int8 on the data itself", parquet);
        var shard = _dir.Run("featurize", "--data", data, "--out", _dir["f3.parquet"], "--quantize", "int8", "--shard", "0/2").UserError();
        Assert.Contains("--quantize int8 cannot be combined with --shard: each shard would calibrate its backbone on other images", shard);
        var text = _dir.Csv("text.csv", "message,label", "cheap pills now,spam", "lunch at noon,ham", "win money fast,spam", "see you tomorrow,ham");
        var textOnly = _dir.Run("train", "--data", text, "--out", _dir["m.zip"], "--quantize", "int8").UserError();
        Assert.Contains("--quantize int8 quantizes image backbones, but '", textOnly);
        Assert.Contains("text.csv' has no image column", textOnly);
        Assert.False(File.Exists(_dir["m.zip"]), "no model may be written");

        // One label: refused before any image is calibrated or featurized (it failed at the head, after both).
        var one = _dir.ImageFolder("one", perClass: 2);
        foreach (var other in Directory.GetDirectories(one).Order(StringComparer.Ordinal).Skip(1)) Directory.Delete(other, recursive: true);
        var oneLabel = _dir.Run("train", "--data", one, "--out", _dir["m.zip"], "--quantize", "int8");
        Assert.Contains("Training needs at least two labels; found 1", oneLabel.UserError());
        Assert.DoesNotContain("Quantizing", oneLabel.Stdout);
        Assert.DoesNotContain("Featurizing", oneLabel.Stdout);
        Assert.False(File.Exists(_dir["m.zip"]), "no model may be written");
    }

    [Fact]
    public void Train_with_quantize_int8_says_how_many_training_images_calibrated_it_predict_runs_it_and_featurize_makes_the_same_bytes()
    {
        var data = _dir.ImageFolder(perClass: 3);
        var test = _dir.ImageFolder("test", perClass: 2);
        var run = _dir.Run("train", "--data", data, "--test", test, "--out", _dir["m.zip"], "--quantize", "int8", "--calibration-images", "4",
            "--metrics-json", _dir["m.json"]).Succeeded();
        Assert.Contains("calibrated on 4 images: 4 of the 6 training examples (stratified by label, seed 0)", run.Stdout);
        Assert.True(MetricsJson.Read(_dir["m.json"]).Accuracy >= 0.75, run.Describe()); // bag vs coat
        _dir.Run("predict", "--model", _dir["m.zip"], "--data", test, "--out", _dir["p.csv"]).Succeeded();
        Assert.Equal(4, TestData.ReadCsv(_dir["p.csv"]).Rows.Count);

        // featurize samples the same 4 of these 6 images (seed 0): the same int8 bytes, so the cache serves train's embeddings.
        var featurized = _dir.Run("featurize", "--data", data, "--out", _dir["f.csv"], "--quantize", "int8", "--calibration-images", "4").Succeeded();
        Assert.Contains("calibrated on 4 images: 4 of the 6 training examples", featurized.Stdout);
        var sha256 = System.Text.RegularExpressions.Regex.Match(run.Stdout, "sha256 ([0-9a-f]{64})").Groups[1].Value;
        Assert.Equal(64, sha256.Length);
        Assert.Contains($"sha256 {sha256}", featurized.Stdout);
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(6, rows.Count);
        Assert.Contains("ImagePath.resnet18-int8-calibrated_511", header);
    }
}
