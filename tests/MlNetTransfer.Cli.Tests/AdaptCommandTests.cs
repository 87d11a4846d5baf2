using System.Text.Json;
using SkiaSharp;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// <c>diagnose-shift</c> and <c>adapt</c> on the shipped Fashion-MNIST images and an inverted copy of its test images (a
/// photometric shift: white background, dark clothes): two halves of one domain read "no shift", the inverted images a
/// strong one, with a map of both domains; <c>adapt --method auto</c> prints every candidate's score, saves the chosen
/// one, and the saved zip scores the target exactly as the method did in memory; bad options are user errors.
/// </summary>
public sealed class AdaptCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The shipped test images inverted (255 − value), in class folders, or flat when <paramref name="flat"/>; only
    /// those of <paramref name="classes"/> when given.
    /// </summary>
    private string Inverted(string name, bool flat, params string[] classes)
    {
        foreach (var (path, label) in TestData.Images(TestData.FashionTest).Where(i => classes.Length == 0 || classes.Contains(i.Label)))
        {
            using var bitmap = SKBitmap.Decode(path);
            using var inverted = new SKBitmap(bitmap.Width, bitmap.Height, SKColorType.Gray8, SKAlphaType.Opaque);
            for (var y = 0; y < bitmap.Height; y++)
                for (var x = 0; x < bitmap.Width; x++)
                {
                    var v = (byte)(255 - bitmap.GetPixel(x, y).Red);
                    inverted.SetPixel(x, y, new SKColor(v, v, v));
                }
            var folder = flat ? _dir[name] : Path.Combine(_dir[name], label);
            Directory.CreateDirectory(folder);
            using var data = inverted.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, (flat ? label + "-" : "") + Path.GetFileName(path)), data.ToArray());
        }
        return _dir[name];
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void DiagnoseShift_SameDomainReadsNoShift_InvertedReadsStrong_WithAMapOfBothDomains()
    {
        var cache = _dir["cache"];
        var same = _dir.Run("diagnose-shift", "--source", TestData.FashionTrain, "--target", TestData.FashionTest, "--metrics-json", _dir["same.json"], "--cache-dir", cache).Succeeded();
        Assert.Contains("domain-classifier AUC: ", same.Stdout);
        Assert.Equal("none", Json(_dir["same.json"]).GetProperty("verdict").GetString());
        Assert.InRange(Json(_dir["same.json"]).GetProperty("domainClassifierAuc").GetDouble(), 0.3, 0.65);

        var inverted = Inverted("inverted", flat: true);
        var shifted = _dir.Run("diagnose-shift", "--source", TestData.FashionTrain, "--target", inverted, "--out", _dir["map.png"], "--metrics-json", _dir["shift.json"], "--cache-dir", cache).Succeeded();
        var json = Json(_dir["shift.json"]);
        Assert.Equal("strong", json.GetProperty("verdict").GetString());
        Assert.True(json.GetProperty("domainClassifierAuc").GetDouble() > 0.9, shifted.Stdout);
        Assert.True(json.GetProperty("mmdPValue").GetDouble() < 0.05, shifted.Stdout);
        Assert.Contains("most drifted features: ImagePath.resnet18_", shifted.Stdout);
        Assert.Contains("Map of both domains written to", shifted.Stdout);
        using var picture = SKBitmap.Decode(_dir["map.png"]);
        Assert.True(picture is { Width: > 0, Height: > 0 }, "map.png is not a picture");
    }

    /// <summary>Three of the ten classes (90 source, 30 target images): every candidate still fits, scores and saves; the full set only made each fit slower.</summary>
    private static readonly string[] AdaptClasses = ["bag", "sandal", "trouser"];

    [Fact]
    public void Adapt_Auto_PrintsEveryCandidate_AndTheSavedZipScoresTheTargetAsInMemory()
    {
        var target = Inverted("target", flat: false, AdaptClasses);
        TestData.CopyClasses(TestData.FashionTrain, _dir["source"], AdaptClasses);
        var run = _dir.Run("adapt", "--source", _dir["source"], "--target", target, "--target-test", target, "--out", _dir["adapted.zip"],
            "--metrics-json", _dir["m.json"], "--cache-dir", _dir["cache"]).Succeeded();
        foreach (var method in new[] { "none", "mean-std", "coral", "subspace-alignment", "self-training", "co-training" })
            Assert.Contains(method, run.Stdout);
        Assert.Contains("Chosen without target labels:", run.Stdout);
        Assert.Contains("Target test: 30 examples, scored with the saved zip.", run.Stdout);
        var json = Json(_dir["m.json"]);
        var adaptation = json.GetProperty("adaptation");
        var chosen = adaptation.GetProperty("method").GetString();
        var candidates = adaptation.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(6, candidates.Count);
        var best = candidates.Where(c => !c.GetProperty("failed").GetBoolean()).MaxBy(c => c.GetProperty("informationMaximization").GetDouble());
        Assert.Equal(chosen, best.GetProperty("method").GetString());
        Assert.Equal(best.GetProperty("targetAccuracy").GetDouble(), json.GetProperty("accuracy").GetDouble(), 6);

        var predicted = _dir.Run("evaluate", "--model", _dir["adapted.zip"], "--data", target).Succeeded();
        Assert.Contains("30", predicted.Stdout);
    }

    [Theory]
    [InlineData("adapt", "--method", "few-shot", "--target-labeled is required by --method few-shot")]
    [InlineData("adapt", "--method", "tca", "unknown --method 'tca'")]
    [InlineData("adapt", "--trainer", "svm", "unknown trainer 'svm'")]
    [InlineData("adapt", "--metrics-json", "m.zip", "is the model file")]
    [InlineData("diagnose-shift", "--out", "map.jpg", "--out must be a .png file")]
    [InlineData("diagnose-shift", "--method", "umap", "unknown --method 'umap': expected pca or tsne")]
    public void BadOptions_AreUserErrors_AndWriteNothing(string command, string flag, string value, string expected)
    {
        string[] args = command == "adapt"
            ? ["adapt", "--source", TestData.FashionTrain, "--target", TestData.FashionTest, "--out", _dir["m.zip"], flag, value]
            : ["diagnose-shift", "--source", TestData.FashionTrain, "--target", TestData.FashionTest, flag, flag == "--out" ? _dir[value] : value];
        if (flag == "--metrics-json") args[^1] = _dir[value];
        Assert.Contains(expected, _dir.Run(args).UserError());
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Outputs_inside_an_image_folder_are_refused_and_the_images_survive()
    {
        var source = _dir["source"];
        TestData.CopyClasses(TestData.FashionTrain, source, "bag", "coat");
        var image = Directory.GetFiles(Path.Combine(source, "bag"))[0];
        var before = File.ReadAllBytes(image);
        Assert.Contains("inside its folder", _dir.Run("diagnose-shift", "--source", source, "--target", TestData.FashionTest, "--out", image).UserError());
        Assert.Contains("inside its folder", _dir.Run("adapt", "--source", source, "--target", TestData.FashionTest, "--out", Path.Combine(source, "m.zip")).UserError());
        Assert.Equal(before, File.ReadAllBytes(image));
        Assert.False(File.Exists(Path.Combine(source, "m.zip")));
    }
}
