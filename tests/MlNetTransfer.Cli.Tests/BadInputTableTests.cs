using System.Text;
using Microsoft.ML;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// The bad-input table of README.md ("Bad input"), one row per case: what the user gives, and either the one-line
/// error (exit code 1, nothing written) or that it works. Image datasets are two classes of three images each, so a
/// row that works still trains a real model quickly.
/// </summary>
public sealed class BadInputTableTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>data/bag and data/coat with three shipped images each; returns the folder.</summary>
    private string ImageFolder(string name = "data", int perClass = 3) => _dir.ImageFolder(name, perClass);

    private string Csv(string name, params string[] lines) => _dir.Csv(name, lines);

    private string Train(params string[] extra) => _dir.Run(["train", "--out", _dir["m.zip"], .. extra]).UserError();

    private static void AssertMentions(string error, params string[] parts)
    {
        foreach (var part in parts) Assert.True(error.Contains(part, StringComparison.Ordinal), $"'{part}' not in: {error}");
    }

    private void AssertNothingWritten() => Assert.False(File.Exists(_dir["m.zip"]), "a model was written");

    [Theory]
    [InlineData("corrupt", "is not a decodable image")]
    [InlineData("truncated", "is not a decodable image")]
    [InlineData("zero-byte", "is empty (0 bytes)")]
    [InlineData("text-as-jpg", "is not a decodable image")]
    public void Unreadable_image_fails_before_training_naming_it_and_skip_leaves_it_out(string kind, string expected)
    {
        var data = ImageFolder();
        var bad = Path.Combine(data, "bag", kind == "text-as-jpg" ? "notes.jpg" : $"{kind}.png");
        var good = File.ReadAllBytes(Directory.GetFiles(Path.Combine(data, "coat"))[0]);
        File.WriteAllBytes(bad, kind switch
        {
            "corrupt" => Enumerable.Range(0, 2048).Select(i => (byte)(i * 37 % 251)).ToArray(),
            "truncated" => good[..16], // the PNG signature and the start of the header, nothing more
            "zero-byte" => [],
            _ => Encoding.UTF8.GetBytes("these are my notes, not a picture"),
        });

        var error = Train("--data", data, "--test", data);
        AssertMentions(error, bad);
        AssertMentions(error, expected);
        AssertMentions(error, "--on-bad-input skip");
        AssertNothingWritten();

        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"], "--on-bad-input", "skip").Succeeded();
        var report = File.ReadAllText(_dir["m.bad-inputs.csv"]);
        Assert.Contains(bad, report);
        Assert.Equal(3, report.Trim().Split('\n').Length); // header + the bad file in the training and the test data
    }

    [Fact]
    public void Predict_with_skip_writes_an_error_row_for_the_unreadable_image()
    {
        var data = ImageFolder();
        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        var bad = Path.Combine(data, "coat", "broken.png");
        File.WriteAllBytes(bad, [1, 2, 3]);

        AssertMentions(_dir.Run("predict", "--model", _dir["m.zip"], "--data", data, "--out", _dir["p.csv"]).UserError(), bad);
        Assert.False(File.Exists(_dir["p.csv"]));

        var skipped = _dir.Run("predict", "--model", _dir["m.zip"], "--data", data, "--out", _dir["p.csv"], "--on-bad-input", "skip").Succeeded();
        Assert.True(System.Text.RegularExpressions.Regex.Replace(skipped.Stdout, @"\s+", " ").Contains($"7 rows written to {_dir["p.csv"]}: 6 predictions and 1 unreadable input(s)", StringComparison.Ordinal),
            skipped.Describe()); // said "6 predictions written" for 7 rows
        var (header, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.Equal(["path_or_row", "predicted", "score_bag", "score_coat", "error"], header);
        Assert.Equal(7, rows.Count);
        var row = rows.Single(r => r[0] == bad);
        Assert.Equal("", row[1]);
        Assert.Contains("not a decodable image", row[4]);
        Assert.All(rows.Where(r => r[0] != bad), r => Assert.Contains(r[1], new[] { "bag", "coat" }));
    }

    [Fact]
    public void Predict_one_unreadable_image_names_the_file_not_a_row()
    {
        var data = ImageFolder();
        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        var bad = _dir["broken.png"];
        File.WriteAllBytes(bad, [1, 2, 3]);
        // A relative path (to this process's folder) is what made the id differ from the full path: "row <path>".
        foreach (var input in new[] { bad, Path.GetRelativePath(Environment.CurrentDirectory, bad) })
        {
            var error = _dir.Run("predict", "--model", _dir["m.zip"], "--input", input).UserError();
            Assert.Equal($"error: Could not read image '{bad}': the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated.", error);
        }
    }

    [Fact]
    public void Evaluate_with_a_csv_label_the_model_does_not_know_names_the_first_row_of_each()
    {
        _dir.Run("train", "--data", TestData.Penguins, "--label", "Species", "--out", _dir["m.zip"]).Succeeded();
        // A label column the model does not read (Island itself is one of its inputs): the island again, as 'Colony'.
        var lines = File.ReadAllLines(TestData.Penguins);
        File.WriteAllLines(_dir["colony.csv"], [lines[0] + ",Colony", .. lines.Skip(1).Select(l => l + "," + l.Split(',')[1])]);
        var error = _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", _dir["colony.csv"], "--label", "Colony").UserError();
        AssertMentions(error, "'Torgersen' (52 examples, the first at row 1)", "'Biscoe' (168 examples, the first at row 21)", "(it knows: Adelie, Chinstrap, Gentoo)");
    }

    [Fact]
    public void Evaluate_with_a_label_the_model_does_not_know_fails_before_reading_any_image()
    {
        var data = ImageFolder();
        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        var eval = ImageFolder("eval");
        Directory.CreateDirectory(Path.Combine(eval, "shirt"));
        File.Copy(Directory.GetFiles(Path.Combine(eval, "bag"))[0], Path.Combine(eval, "shirt", "a.png"));
        File.WriteAllBytes(Path.Combine(eval, "shirt", "broken.png"), [1, 2, 3]); // never decoded: the label check comes first
        var error = _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", eval).UserError();
        AssertMentions(error, "The data has label 'shirt' (2 examples, the first '", "which the model was not trained on (it knows: bag, coat); nothing was evaluated.");
    }

    [Fact]
    public void Missing_file_listed_in_a_csv_is_named_with_row_and_column()
    {
        var data = ImageFolder();
        var first = Directory.GetFiles(Path.Combine(data, "bag"))[0];
        var csv = Csv("list.csv", "image,label", $"{first},bag", "nothere.png,coat");
        var error = Train("--data", csv);
        AssertMentions(error, "row 2, column 'image'");
        AssertMentions(error, "nothere.png' does not exist");
        AssertNothingWritten();
    }

    [Fact]
    public void Empty_folder_says_what_layout_is_expected()
    {
        Directory.CreateDirectory(_dir["empty"]);
        AssertMentions(Train("--data", _dir["empty"]), "has no images: expected <dir>/<class>/*.png");
    }

    [Fact]
    public void Single_class_dataset_is_refused_naming_the_class()
    {
        var data = ImageFolder();
        Directory.Delete(Path.Combine(data, "coat"), recursive: true);
        AssertMentions(Train("--data", data, "--test", data), "at least two labels; found 1 ('bag')");
    }

    [Fact]
    public void Class_folder_with_one_image_trains_it_stays_in_training()
    {
        var data = ImageFolder();
        foreach (var f in Directory.GetFiles(Path.Combine(data, "coat")).Skip(1)) File.Delete(f);
        _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--test-fraction", "0.5").Succeeded();
        Assert.True(File.Exists(_dir["m.zip"]));
    }

    [Fact]
    public void Decompression_bomb_is_refused_from_its_header_skip_leaves_it_out_and_the_limit_is_a_flag()
    {
        var data = ImageFolder();
        var bomb = Path.Combine(data, "bag", "bomb.png");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bomb", "bomb-30000x30000.png"), bomb);

        var error = Train("--data", data, "--test", data);
        AssertMentions(error, bomb, "30000x30000 = 900,000,000 pixels, more than the limit of 89,478,485", "--max-image-pixels", "--on-bad-input skip");
        AssertNothingWritten();

        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"], "--on-bad-input", "skip").Succeeded();
        Assert.Contains(bomb, File.ReadAllText(_dir["m.bad-inputs.csv"]));

        AssertMentions(_dir.Run("predict", "--model", _dir["m.zip"], "--input", bomb).UserError(), bomb, "more than the limit");
        var good = Directory.GetFiles(Path.Combine(data, "coat"))[0]; // 28 x 28 = 784 pixels
        AssertMentions(_dir.Run("predict", "--model", _dir["m.zip"], "--input", good, "--max-image-pixels", "783").UserError(), "784 pixels, more than the limit of 783");
        _dir.Run("predict", "--model", _dir["m.zip"], "--input", good, "--max-image-pixels", "784").Succeeded();
        AssertMentions(_dir.Run("evaluate", "--model", _dir["m.zip"], "--data", data, "--on-bad-input", "skip", "--max-image-pixels", "0").UserError(), "--max-image-pixels must be positive");
        AssertMentions(_dir.Run("featurize", "--data", data, "--out", _dir["f.csv"], "--max-image-pixels", "0").UserError(), "--max-image-pixels must be positive");
    }

    [Fact]
    public void Exif_rotated_photos_are_predicted_upright()
    {
        var data = ImageFolder();
        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        var photos = Directory.CreateDirectory(_dir["photos"]).FullName;
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "exif"))) File.Copy(f, Path.Combine(photos, Path.GetFileName(f)));
        _dir.Run("predict", "--model", _dir["m.zip"], "--data", photos, "--out", _dir["p.csv"]).Succeeded();
        var (_, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.Equal(9, rows.Count); // upright.jpg and orientation-1..8.jpg: one picture, stored turned 8 ways
        var upright = rows.Single(r => r[0].EndsWith("upright.jpg", StringComparison.Ordinal));
        foreach (var row in rows)
            for (var k = 2; k < row.Count; k++)
                Assert.True(Math.Abs(double.Parse(row[k], System.Globalization.CultureInfo.InvariantCulture)
                    - double.Parse(upright[k], System.Globalization.CultureInfo.InvariantCulture)) <= 1e-4, $"{row[0]}: {string.Join(",", row)} vs {string.Join(",", upright)}");
    }

    [Fact]
    public void Odd_images_work_16bit_cmyk_grayscale_rgba_palette_and_odd_sizes()
    {
        var data = ImageFolder();
        var odd = Path.Combine(AppContext.BaseDirectory, "Fixtures", "odd-images");
        var names = Directory.GetFiles(odd).Select(Path.GetFileName).ToList();
        Assert.Equal(6, names.Count);
        foreach (var f in Directory.GetFiles(odd)) File.Copy(f, Path.Combine(data, "bag", Path.GetFileName(f)));
        _dir.Run("train", "--data", data, "--test", data, "--out", _dir["m.zip"]).Succeeded();
        _dir.Run("predict", "--model", _dir["m.zip"], "--data", data, "--out", _dir["p.csv"]).Succeeded();
        var (_, rows) = TestData.ReadCsv(_dir["p.csv"]);
        Assert.All(names, n => Assert.Contains(rows, r => r[0].EndsWith(n!) && r[1] is "bag" or "coat"));
    }

    [Theory]
    [InlineData("lable", "has no label column 'lable'. Did you mean 'label'?")]
    [InlineData(null, "Did you mean 'labels'?")]
    public void Misspelled_label_column_suggests_the_nearest_name(string? given, string expected)
    {
        var csv = Csv("t.csv", given is null ? "text,labels" : "text,label", "hello world,a", "good bye,b");
        AssertMentions(given is null ? Train("--data", csv) : Train("--data", csv, "--label", given), expected);
    }

    [Fact]
    public void Misspelled_text_column_suggests_the_nearest_name()
    {
        var csv = Csv("t.csv", "text,label", "hello world,a", "good bye,b");
        AssertMentions(Train("--data", csv, "--text-column", "txet"), "has no column 'txet'. Did you mean 'text'?");
    }

    [Fact]
    public void Ragged_row_is_named()
    {
        var csv = Csv("t.csv", "text,label", "hello world,a", "good,bye,b");
        AssertMentions(Train("--data", csv), "row 2: expected 2 fields as in the header, found 3");
    }

    [Fact]
    public void Non_utf8_text_is_named_with_its_row()
    {
        File.WriteAllBytes(_dir["t.csv"], [.. "text,label\nhello,a\ncaf"u8, 0xE9, .. ",b\n"u8]);
        var error = Train("--data", _dir["t.csv"]);
        AssertMentions(error, "line 3 (row 2): the text is not valid UTF-8");
    }

    [Fact]
    public void Infinite_number_is_named_and_nan_is_a_missing_value()
    {
        var rows = Enumerable.Range(0, 20).Select(i => $"{(i == 3 ? "NaN" : (i % 7).ToString())},{(i % 2 == 0 ? "a" : "b")}");
        var nan = Csv("nan.csv", ["x,label", .. rows]);
        _dir.Run("train", "--data", nan, "--out", _dir["m.zip"]).Succeeded();
        File.Delete(_dir["m.zip"]);
        var inf = Csv("inf.csv", ["x,label", .. rows.Select((r, i) => i == 5 ? "Infinity,b" : r)]);
        AssertMentions(Train("--data", inf), "row 6, column 'x': expected a finite number, found 'Infinity'");
    }

    [Fact]
    public void One_megabyte_text_cell_works()
    {
        var big = string.Join(' ', Enumerable.Range(0, 150_000).Select(i => "word" + (i % 5000)));
        Assert.True(big.Length > 1_000_000);
        var csv = Csv("t.csv", ["text,label", $"\"{big}\",a", .. Enumerable.Range(0, 9).Select(i => $"short text number {i},{(i % 2 == 0 ? "a" : "b")}")]);
        _dir.Run("train", "--data", csv, "--out", _dir["m.zip"], "--test-fraction", "0.3").Succeeded();
    }

    [Fact]
    public void Empty_and_whitespace_text_cells_work()
    {
        var csv = Csv("t.csv", ["text,label", "\"\",a", "\"   \",b", .. Enumerable.Range(0, 10).Select(i => $"text {i % 3},{(i % 2 == 0 ? "a" : "b")}")]);
        _dir.Run("train", "--data", csv, "--out", _dir["m.zip"], "--test-fraction", "0.3").Succeeded();
    }

    [Fact]
    public void Onnx_file_that_is_not_a_model_is_named()
    {
        File.WriteAllText(_dir["fake.onnx"], "not a protobuf");
        File.WriteAllText(_dir["fake.json"], File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "onnx-models", "resnet18.json"))
            .Replace("\"resnet18.onnx\"", "\"fake.onnx\"").Replace("\"name\": \"resnet18\"", "\"name\": \"fake\""));
        var error = Train("--data", ImageFolder(), "--backbone", _dir["fake.onnx"]);
        AssertMentions(error, "fake.onnx");
        AssertNothingWritten();
    }

    [Fact]
    public void Manifest_whose_tensor_names_do_not_match_the_model_is_named()
    {
        File.Copy(TestData.Resnet18Onnx, _dir["my.onnx"]);
        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "onnx-models", "resnet18.json"))
            .Replace("\"input\": \"image\"", "\"input\": \"pixels\"").Replace("\"resnet18.onnx\"", "\"my.onnx\"").Replace("\"name\": \"resnet18\"", "\"name\": \"my\"");
        File.WriteAllText(_dir["my.json"], manifest);
        var error = Train("--data", ImageFolder(), "--backbone", _dir["my.onnx"]);
        AssertMentions(error, "has no input tensor 'pixels' (it has image)", "my.json", "inspect");
        AssertNothingWritten();
    }

    [Fact]
    public void Manifest_with_a_typo_is_named()
    {
        File.Copy(TestData.Resnet18Onnx, _dir["my.onnx"]);
        File.WriteAllText(_dir["my.json"], "{ \"name\": \"my\", \"input\": \"image\" \"output\": \"embedding\" }");
        var error = Train("--data", ImageFolder(), "--backbone", _dir["my.onnx"]);
        AssertMentions(error, "my.json");
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("foreign")]
    public void Broken_or_foreign_model_zip_is_named(string kind)
    {
        var data = ImageFolder();
        if (kind == "truncated")
        {
            _dir.Run("train", "--data", data, "--test", data, "--out", _dir["good.zip"]).Succeeded();
            var bytes = File.ReadAllBytes(_dir["good.zip"]);
            File.WriteAllBytes(_dir["m2.zip"], bytes[..(bytes.Length / 2)]);
        }
        else
        {
            // A valid ML.NET zip of another pipeline: a plain text featurizer with no predictor.
            var ml = new MLContext(0);
            var view = ml.Data.LoadFromEnumerable(new[] { new TextRow { Text = "hello" } });
            var model = ml.Transforms.Text.FeaturizeText("Features", "Text").Fit(view);
            ml.Model.Save(model, view.Schema, _dir["m2.zip"]);
        }
        var error = _dir.Run("evaluate", "--model", _dir["m2.zip"], "--data", data).UserError();
        AssertMentions(error, "m2.zip");
    }

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }
}
