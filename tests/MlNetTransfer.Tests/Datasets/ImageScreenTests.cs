using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Datasets;

/// <summary>
/// <c>mlContext.Data.ScreenImages</c>: the CLI's bad-input screen (<see cref="ImageCheck"/>, <see cref="BadInputScreen"/>)
/// on any view an app loaded. Unscreened, a corrupt image ends a fit inside ML.NET's read-ahead, naming no file.
/// </summary>
public sealed class ImageScreenTests
{
    public sealed class Row
    {
        public string ImagePath = "";

        public string Label = "";
    }

    /// <summary>Six good images (two classes) and, at rows 2 and 5, a zero-byte and a garbage .png, all in a temp folder.</summary>
    private static (string Dir, List<Row> Rows, string Empty, string Garbage) Folder()
    {
        var dir = TestData.TempDir();
        var rows = TestData.Images(TestData.FashionTrain, 3).Where(i => i.Label is "bag" or "trouser")
            .Select(i =>
            {
                var copy = Path.Combine(dir, $"{i.Label}-{Path.GetFileName(i.Path)}");
                File.Copy(i.Path, copy);
                return new Row { ImagePath = copy, Label = i.Label };
            }).ToList();
        var empty = Path.Combine(dir, "empty.png");
        File.WriteAllBytes(empty, []);
        var garbage = Path.Combine(dir, "garbage.png");
        File.WriteAllBytes(garbage, Enumerable.Range(0, 400).Select(i => (byte)(i * 37)).ToArray());
        rows.Insert(2, new Row { ImagePath = empty, Label = "bag" });
        rows.Insert(5, new Row { ImagePath = garbage, Label = "trouser" });
        return (dir, rows, empty, garbage);
    }

    [Fact]
    public void Fail_NamesTheFirstBadFileAndItsRow_AndCountsThem()
    {
        var (dir, rows, empty, _) = Folder();
        try
        {
            var ml = new MLContext(0);
            var data = ml.Data.LoadFromEnumerable(rows);
            var error = Assert.Throws<UserInputException>(() => ml.Data.ScreenImages(data, "ImagePath", BadInputPolicy.Fail, out _));
            Assert.Equal($"Row 2 of the data (counting from 0), column 'ImagePath': could not read image '{empty}': the file is empty (0 bytes) (2 unreadable rows in all). "
                + "Fix or remove it, or screen with BadInputPolicy.Skip to leave unreadable rows out.", error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Skip_LeavesTheBadRowsOut_AndThenABackboneAndATrainerFit()
    {
        var (dir, rows, empty, garbage) = Folder();
        try
        {
            var ml = new MLContext(0);
            var data = ml.Data.LoadFromEnumerable(rows);
            var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
                .AppendCacheCheckpoint(ml)
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            // Unscreened, the fit fails inside ML.NET's read-ahead ("Splitter/consolidator worker encountered exception while
            // consuming source data" around the decoder's "Invalid input stream contents"), naming no file.
            var unscreened = Assert.ThrowsAny<Exception>(() => pipeline.Fit(data));
            for (var e = unscreened; e is not null; e = e.InnerException)
                Assert.DoesNotContain("empty.png", e.Message);

            var screened = ml.Data.ScreenImages(data, "ImagePath", BadInputPolicy.Skip, out var bad);
            Assert.Equal([(2, "2", empty, "the file is empty (0 bytes)"), (5, "5", garbage, "the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated")],
                bad.Select(b => (b.Row, b.Id, b.Path, b.Problem)));
            Assert.All(bad, b => Assert.Equal("ImagePath", b.Column));
            Assert.Equal(rows.Count - 2, screened.GetRowCount());
            var kept = ml.Data.CreateEnumerable<Row>(screened, reuseRowObject: false).ToList();
            Assert.Equal(rows.Where(r => r.ImagePath != empty && r.ImagePath != garbage).Select(r => (r.ImagePath, r.Label)), kept.Select(r => (r.ImagePath, r.Label)));

            using var model = pipeline.Fit(screened);
            var predicted = ml.Data.CreateEnumerable<Predicted>(model.Transform(screened), reuseRowObject: false).ToList();
            Assert.Equal(rows.Count - 2, predicted.Count);
            Assert.All(predicted, p => Assert.Contains(p.PredictedLabel, new[] { "bag", "trouser" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RelativePaths_AreReadFromTheImageFolder_AndThePixelLimitApplies()
    {
        var (dir, rows, empty, _) = Folder();
        try
        {
            var ml = new MLContext(0);
            var relative = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { ImagePath = Path.GetFileName(r.ImagePath), Label = r.Label }).ToList());
            var screened = ml.Data.ScreenImages(relative, "ImagePath", BadInputPolicy.Skip, out var bad, imageFolder: dir);
            Assert.Equal([empty, Path.Combine(dir, "garbage.png")], bad.Select(b => b.Path));
            Assert.Equal(rows.Count - 2, ml.Data.CreateEnumerable<Row>(screened, reuseRowObject: false).Count());

            // A clean view comes back as it is, with nothing listed.
            var clean = ml.Data.LoadFromEnumerable(rows.Where(r => r.ImagePath != empty && !r.ImagePath.EndsWith("garbage.png")).ToList());
            Assert.Same(clean, ml.Data.ScreenImages(clean, "ImagePath", BadInputPolicy.Fail, out var none));
            Assert.Empty(none);

            // Fashion-MNIST images are 28x28 = 784 pixels: under a limit of 783 every one is refused from its header.
            var error = Assert.Throws<UserInputException>(() => ml.Data.ScreenImages(clean, "ImagePath", BadInputPolicy.Skip, out _, maxImagePixels: 783));
            Assert.StartsWith("Every row of the data is unreadable; the first: row 0 of the data (counting from 0), column 'ImagePath': could not read image", error.Message);
            Assert.Contains("28x28 = 784 pixels, more than the limit of 783", error.Message);

            Assert.Contains("has no column 'Path' (its columns: ImagePath, Label)",
                Assert.Throws<ArgumentException>(() => ml.Data.ScreenImages(clean, "Path", BadInputPolicy.Fail, out _)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>README's snippet for screening images in a pipeline, run as written.</summary>
    [Fact]
    public void ReadmeSnippet_ScreenImages()
    {
        var (dir, rows, _, _) = Folder();
        try
        {
            var ml = new MLContext(0);
            var data = ml.Data.LoadFromEnumerable(rows);
            var said = new List<string>();
            var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
                .AppendCacheCheckpoint(ml)
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

            // README snippet, begin
            var screened = ml.Data.ScreenImages(data, "ImagePath", BadInputPolicy.Skip, out var bad);
            foreach (var b in bad) said.Add($"left out row {b.Row}: '{b.Path}': {b.Problem}");
            using var model = (IDisposable)pipeline.Fit(screened);
            // README snippet, end

            Assert.Equal(2, said.Count);
            Assert.StartsWith("left out row 2: ", said[0]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public sealed class Predicted
    {
        public string PredictedLabel = "";
    }
}
