using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.ClassicalVision;
using SkiaSharp;

namespace MlNetTransfer.Tests.ClassicalVision;

/// <summary>
/// The product path, <c>ml.Transforms.ExtractClassicalImageFeatures</c> (LoadImages -> ResizeImages -> ExtractPixels ->
/// CustomMapping): a real PNG decoded by ML.NET gives scikit-image's feature vector, resizing behaves, and a saved zip
/// reloads into the same features.
/// </summary>
public sealed class ClassicalImageEstimatorTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }

    private static IDataView Paths(MLContext ml, params string[] paths) =>
        ml.Data.LoadFromEnumerable(paths.Select(p => new ImageRow { ImagePath = p }));

    private static float[][] Column(IDataView view, string column) =>
        view.GetColumn<float[]>(column).ToArray();

    [Fact]
    public void A_png_through_ML_NET_decoding_gives_the_scikit_image_feature_vector()
    {
        var @case = ClassicalFixtures.Case("classical_64.png");
        var png = Path.Combine(ClassicalFixtures.Folder, @case.GetProperty("file").GetString()!);
        var ml = new MLContext(seed: 0);
        var data = Paths(ml, png);
        var output = ml.Transforms.ExtractClassicalImageFeatures("Features", "ImagePath").Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, ClassicalImageFeatures.Length), output.Schema["Features"].Type);
        Assert.Equal(["ImagePath", "Features"], output.Schema.Select(c => c.Name)); // intermediate columns dropped
        var actual = Column(output, "Features")[0].Select(v => (double)v).ToArray();
        var expected = ClassicalFixtures.Numbers(@case.GetProperty("features"));
        ClassicalFixtures.AssertClose(expected, actual, 1e-4, "classical_64.png");
        // Block by block, so a failure above is easy to place; the histogram blocks sum to 1.
        var offset = 0;
        foreach (var (name, length) in ClassicalImageFeatures.Blocks)
        {
            ClassicalFixtures.AssertClose(expected[offset..(offset + length)], actual[offset..(offset + length)], 1e-4, name);
            if (name is not ("hog" or "colour")) Assert.Equal(1.0, actual[offset..(offset + length)].Sum(), 4);
            offset += length;
        }
        Assert.Equal(ClassicalImageFeatures.Length, offset);
    }

    [Fact]
    public void Resizing_stretches_the_whole_image_and_keeps_a_flat_colour_flat()
    {
        var flat = Path.Combine(_dir, "flat.png");
        using (var bitmap = new SKBitmap(20, 12))
        {
            bitmap.Erase(new SKColor(200, 40, 90));
            using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(flat, encoded.ToArray());
        }
        var ml = new MLContext(seed: 0);
        var data = Paths(ml, flat);
        foreach (var size in new[] { 16, 64, 128 })
        {
            var features = Column(ml.Transforms.ExtractClassicalImageFeatures("F", "ImagePath", size).Fit(data).Transform(data), "F")[0];
            Assert.Equal(1f, features[200 / 16]);
            Assert.Equal(1f, features[16 + 40 / 16]);
            Assert.Equal(1f, features[32 + 90 / 16]);
            Assert.Equal(1f, features[48]); // no edge anywhere
            Assert.All(features[104..], v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void A_real_png_resized_to_other_sizes_keeps_its_colour_histogram_and_a_gray_image_has_three_equal_ones()
    {
        var ml = new MLContext(seed: 0);
        var png = Path.Combine(ClassicalFixtures.Folder, "classical_64.png");
        var fashion = TestData.Images(TestData.FashionTrain, 1)[0].Path; // 28x28 gray
        var data = Paths(ml, png, fashion);
        var at64 = Column(ml.Transforms.ExtractClassicalImageFeatures("F", "ImagePath").Fit(data).Transform(data), "F");
        foreach (var size in new[] { 32, 128 })
        {
            var resized = Column(ml.Transforms.ExtractClassicalImageFeatures("F", "ImagePath", size).Fit(data).Transform(data), "F");
            var l1 = Enumerable.Range(0, 48).Sum(i => Math.Abs(resized[0][i] - at64[0][i]));
            Assert.True(l1 < 0.3, $"colour histograms at {size} and 64 differ by {l1} (L1 over 3 channels)");
            Assert.Equal(ClassicalImageFeatures.Length, resized[0].Length);
            Assert.All(resized.SelectMany(f => f), v => Assert.InRange(v, 0f, 1f));
        }
        var gray = at64[1];
        Assert.Equal(gray[0..16], gray[16..32]);
        Assert.Equal(gray[0..16], gray[32..48]);
        Assert.Contains(gray[104..], v => v > 0);
    }

    [Fact]
    public void A_saved_zip_reloads_in_a_new_context_and_gives_identical_features_and_predictions()
    {
        var ml = new MLContext(seed: 0);
        var train = TestData.Images(TestData.FashionTrain, 10).Select(i => new LabelledImage { ImagePath = i.Path, Label = i.Label }).ToList();
        var test = TestData.Images(TestData.FashionTest, 10).Select(i => new LabelledImage { ImagePath = i.Path, Label = i.Label }).ToList();
        var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(train));
        var pipeline = ml.Transforms.ExtractClassicalImageFeatures("Features", inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(labelKeys.Transform(ml.Data.LoadFromEnumerable(train)));
        var testView = labelKeys.Transform(ml.Data.LoadFromEnumerable(test));
        var before = model.Transform(testView);
        var accuracy = ml.MulticlassClassification.Evaluate(before).MicroAccuracy;
        Assert.True(accuracy > 0.4, $"accuracy {accuracy} on 100 test images, chance 0.1");
        var path = Path.Combine(_dir, "classical.zip");
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<ImageRow>()).Schema, path);

        var other = new MLContext(seed: 1);
        var loaded = other.Model.Load(path, out var inputSchema);
        Assert.Equal(["ImagePath"], inputSchema.Select(c => c.Name));
        var after = loaded.Transform(other.Data.LoadFromEnumerable(test.Select(t => new ImageRow { ImagePath = t.ImagePath })));
        Assert.Equal(before.GetColumn<string>("PredictedLabel").ToArray(), after.GetColumn<string>("PredictedLabel").ToArray());
        Assert.Equal(Column(before, "Score"), Column(after, "Score"));
        // The features themselves, without the head: fitted, saved, loaded.
        var featurizer = ml.Transforms.ExtractClassicalImageFeatures("Features", "ImagePath").Fit(testView);
        var featuresPath = Path.Combine(_dir, "features.zip");
        ml.Model.Save(featurizer, testView.Schema, featuresPath);
        var reloaded = new MLContext().Model.Load(featuresPath, out _);
        Assert.Equal(Column(featurizer.Transform(testView), "Features"), Column(reloaded.Transform(testView), "Features"));
    }

    [Fact]
    public void Schema_problems_name_the_column_and_a_bad_size_names_the_value()
    {
        var ml = new MLContext(seed: 0);
        var data = Paths(ml, "x.png");
        var missing = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.ExtractClassicalImageFeatures("F", "Photo").Fit(data));
        Assert.Contains("Photo", missing.Message);
        var shape = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.ExtractClassicalImageFeatures("F", "Photo").GetOutputSchema(TestData.ShapeOf(data.Schema)));
        Assert.Contains("Photo", shape.Message);
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ExtractClassicalImageFeatures("F", "ImagePath", imageSize: 60));
        Assert.Contains("60", size.Message);
    }

    private sealed class LabelledImage
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }
}
