namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// User errors: exit code 1, one line on stderr starting "error: " that names the culprit, and no output file left
/// behind. Every case fails before any training, so they are cheap.
/// </summary>
public sealed class UserErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void AssertNoModel() => Assert.False(File.Exists(_dir["m.zip"]), "no model should be written");

    [Fact]
    public void Missing_data_folder_is_named()
    {
        var error = _dir.Run("train", "--data", _dir["no-such-folder"], "--out", _dir["m.zip"]).UserError();
        Assert.Contains(_dir["no-such-folder"], error);
        Assert.Contains("does not exist", error);
        AssertNoModel();
    }

    [Fact]
    public void Unknown_trainer_is_named_with_the_accepted_ones()
    {
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--out", _dir["m.zip"], "--trainer", "nonsense").UserError();
        Assert.Contains("'nonsense'", error);
        Assert.Contains("lr", error);
        Assert.Contains("fasttree", error);
        AssertNoModel();
    }

    [Fact]
    public void Demo_with_an_unknown_trainer_fails_before_it_starts_worded_as_train()
    {
        var result = _dir.Run("demo", "--trainer", "svm", "--out-dir", _dir["demo"]);
        Assert.Equal("error: unknown trainer 'svm': expected one of lr, fasttree, lightgbm, mlp.", result.UserError());
        Assert.DoesNotContain("Demo:", result.Stdout);
        Assert.False(Directory.Exists(_dir["demo"]), "nothing may be written");
    }

    [Fact]
    public void Several_bad_options_are_listed_in_one_message_each_named_by_its_flag()
    {
        var error = _dir.Run("train", "--out", "model.bin", "--trainer", "svm", "--device", "gpu", "--test-fraction", "0").UserError();
        foreach (var part in new[] { "unknown device 'gpu'", "unknown trainer 'svm'", "--data is required", "--out must name a .zip file (got 'model.bin')", "--test-fraction must be between 0 and 1" })
            Assert.Contains(part, error);
    }

    [Fact]
    public void Test_fraction_outside_0_1_is_refused()
    {
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--out", _dir["m.zip"], "--test-fraction", "1.5").UserError();
        Assert.Contains("--test-fraction", error);
        Assert.Contains("1.5", error);
        AssertNoModel();
    }

    [Fact]
    public void Out_in_a_missing_folder_names_the_folder_and_creates_nothing()
    {
        var missing = _dir["missing"];
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--out", Path.Combine(missing, "m.zip")).UserError();
        Assert.Contains(missing, error);
        Assert.Contains("does not exist", error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Unknown_backbone_name_lists_the_known_ones()
    {
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--out", _dir["m.zip"], "--backbone", "nosuch").UserError();
        Assert.Contains("'nosuch'", error);
        Assert.Contains("resnet18", error);
        AssertNoModel();
    }

    [Fact]
    public void Onnx_backbone_without_manifest_names_the_manifest_and_points_to_inspect()
    {
        File.Copy(TestData.Resnet18Onnx, _dir["my.onnx"]);
        var error = _dir.Run("train", "--data", TestData.FashionTrain, "--out", _dir["m.zip"], "--backbone", _dir["my.onnx"]).UserError();
        Assert.Contains(_dir["my.json"], error);
        Assert.Contains("inspect", error);
        AssertNoModel();
    }

    [Fact]
    public void Evaluate_of_a_file_that_is_not_a_model_zip_names_it()
    {
        File.WriteAllText(_dir["x.zip"], "this is not a zip\n");
        var error = _dir.Run("evaluate", "--model", _dir["x.zip"], "--data", TestData.FashionTest).UserError();
        Assert.Contains(_dir["x.zip"], error);
        Assert.Contains("model", error);
    }

    [Fact]
    public void Corrupt_image_during_train_is_named()
    {
        var good = TestData.Images(TestData.FashionTrain);
        foreach (var (label, count) in new[] { ("bag", 3), ("coat", 3) })
        {
            Directory.CreateDirectory(_dir[Path.Combine("data", label)]);
            foreach (var (path, _) in good.Where(i => i.Label == label).Take(count))
                File.Copy(path, _dir[Path.Combine("data", label, Path.GetFileName(path))]);
        }
        var corrupt = _dir[Path.Combine("data", "bag", "corrupt.png")];
        var bytes = new byte[2048];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(corrupt, bytes);

        var error = _dir.Run("train", "--data", _dir["data"], "--test", _dir["data"], "--out", _dir["m.zip"]).UserError();
        Assert.Contains(corrupt, error);
        AssertNoModel();
    }

    [Theory]
    [InlineData("backbones", "--frobnicate")]
    [InlineData("train", "--data", "no-such-folder", "--out", "m.zip", "--frobnicate")]
    public void Unknown_flag_is_refused(params string[] args)
    {
        var error = _dir.RunProcess(args).UserError(); // relative paths: a process in _dir
        Assert.Contains("frobnicate", error);
        AssertNoModel();
    }

    [Fact]
    public void Unknown_command_is_refused()
    {
        var error = _dir.Run("frobnicate").UserError();
        Assert.Contains("frobnicate", error);
    }

    [Fact]
    public void Predict_with_both_input_and_data_is_refused()
    {
        var image = TestData.Images(TestData.FashionTest)[0].Path;
        var error = _dir.Run("predict", "--model", _dir["m.zip"], "--input", image, "--data", TestData.FashionTest, "--out", _dir["p.csv"]).UserError();
        Assert.Contains("--input", error);
        Assert.Contains("--data", error);
        Assert.False(File.Exists(_dir["p.csv"]));
    }

    [Theory]
    [InlineData("--test-fraction: 'abc' is not a number (expected e.g. 0.2)", "train", "--data", "d", "--out", "m.zip", "--test-fraction", "abc")]
    [InlineData("--seed: '1.5' is not a whole number (expected e.g. 0)", "train", "--data", "d", "--out", "m.zip", "--seed", "1.5")]
    [InlineData("--out", "featurize", "--data", "d")]
    [InlineData("unknown text featurizer 'nonsense'", "train", "--data", "d", "--out", "m.zip", "--text-featurizer", "nonsense")]
    [InlineData("--out", "predict", "--model", "m.zip", "--data", "d")]
    [InlineData(".zip", "train", "--data", "d", "--out", "model.bin")]
    [InlineData("--out must end in .csv or .parquet (the format is chosen by the extension); got 'x.txt'", "featurize", "--data", "d", "--out", "x.txt")]
    [InlineData("data", "train", "--data")]
    [InlineData("FILE", "inspect")]
    [InlineData("nothere.onnx", "inspect", "nothere.onnx")]
    [InlineData("nothere.zip", "predict", "--model", "nothere.zip", "--input", "x.png")]
    public void Other_bad_command_lines_are_user_errors(string mentioned, params string[] args)
    {
        var error = _dir.RunProcess(args).UserError(); // relative paths, nothing written in the working folder: a process in _dir
        Assert.Contains(mentioned, error);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}

/// <summary>Each command's help says what its --on-bad-input skip really does.</summary>
public sealed class BadInputHelpTests
{
    [Theory]
    [InlineData("evaluate", "leave it out of the metrics", "bad-inputs.csv")]
    [InlineData("predict", "empty prediction", "bad-inputs.csv")]
    [InlineData("train", "<out>.bad-inputs.csv", "empty prediction")]
    [InlineData("featurize", "<out>.bad-inputs.csv", "empty prediction")]
    public void OnBadInputHelp_DescribesThisCommand(string command, string says, string doesNotSay)
    {
        var help = CliRunner.Run(command, "--help").Succeeded().Stdout;
        var flat = System.Text.RegularExpressions.Regex.Replace(help, @"\s+", " ");
        Assert.Contains(says, flat);
        Assert.DoesNotContain(doesNotSay, flat);
    }
}

/// <summary>A text column without a single word (one-letter grades) is named, with why and what to do.</summary>
public sealed class EmptyVocabularyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("featurize")]
    [InlineData("train")]
    public void OneLetterGrades_NameTheRealColumn_WhyAndWhatToDo(string command)
    {
        File.WriteAllLines(_dir["r.csv"], ["review,grade,label", "great phone works well,A,good", "broke after a week,C,bad",
            "decent value for money,B,good", "screen cracked quickly,C,bad"]);
        var error = _dir.Run(command, "--data", _dir["r.csv"], "--out", _dir[command == "train" ? "m.zip" : "f.csv"]).UserError();
        Assert.StartsWith("error: Text column 'grade': the word vocabulary is empty: the ", error);
        Assert.Contains("a word is two or more letters or digits", error);
        Assert.Contains("--text-column", error);
        Assert.Contains("--numeric-column", error);
        Assert.Contains("--text-featurizer minilm", error);
        Assert.False(File.Exists(_dir["m.zip"]) || File.Exists(_dir["f.csv"]));
    }
}
