using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;
using SkiaSharp;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <c>--quantize int8</c> from the library: the int8 backbone is calibrated on training images only, the same training
/// images and seed give the same bytes (so the embedding cache hits), and the zip holding it predicts in a plain ML.NET app
/// as in the training run.
/// </summary>
public sealed class QuantizeStageTests
{
    private static readonly string[] Classes = ["bag", "trouser"];

    [Fact]
    public void CalibrationSample_SaysWhenMoreImagesWereAskedThanThereAre_AndWhichLabelsTheSampleLeftOut()
    {
        var images = new DatasetColumn("ImagePath", ColumnRole.Image, ["a.png", "b.png", "c.png", "d.png"]);
        var data = new Dataset("train", ["a", "b", "c", "d"], ["bag", "bag", "coat", "shirt"], [images]);
        Assert.Equal("4 images: 4 of the 4 training examples (stratified by label, seed 0); --calibration-images asked for 100, there are only 4",
            QuantizeStage.CalibrationSample(data, [0, 1, 2, 3], 4, asked: 100, seed: 0));
        Assert.Equal("1 image: 1 of the 4 training examples (stratified by label, seed 2); 2 of the 3 labels have no image in the sample (give --calibration-images 3 or more)",
            QuantizeStage.CalibrationSample(data, [0], 1, asked: 1, seed: 2));
        Assert.Equal("3 images: 3 of the 4 training examples (stratified by label, seed 0)", QuantizeStage.CalibrationSample(data, [0, 2, 3], 3, asked: 3, seed: 0));
    }

    [Fact]
    public void Int8CalibratedOnTrainingImages_SameBytesWhateverTheTestImages_OtherBytesForAnotherSample_ZipPredictsInPlainMlNet()
    {
        var dir = TestData.TempDir();
        try
        {
            var train = Copy(dir, "train", TestData.FashionTrain, perClass: 4);
            var test = Copy(dir, "test", TestData.FashionTest, perClass: 2);
            var noise = NoiseImages(dir, "noise", perClass: 2); // colour noise: far wider activations than Fashion-MNIST's, were they calibrated on
            var cache = Path.Combine(dir, "cache");
            TrainResult Train(string testData, string name) => TrainWorkflow.Run(new TrainOptions
            {
                Data = train, Test = testData, Out = Path.Combine(dir, name + ".zip"), Trainer = HeadRegistry.Default.Get("lr"), CacheDir = cache,
                Quantize = new QuantizeOptions { CalibrationImages = 4 },
            });

            var a = Train(test, "a");
            var b = Train(noise, "b");
            var quantized = Assert.Single(a.Quantized);
            Assert.Equal(("resnet18-int8-calibrated", "resnet18", 4, 8), (quantized.Name, quantized.From, quantized.CalibrationImages, quantized.TrainingExamples));
            Assert.Equal(quantized.Sha256, Assert.Single(b.Quantized).Sha256);
            Assert.Equal(8, b.Featurizing.CacheHits); // same bytes, same cache key: the training images' int8 embeddings come back
            Assert.Equal(4, b.Featurizing.ImagesRun); // only the 4 new test images ran

            // Another seed samples other training images: other ranges, other bytes (the sample is what calibrates).
            using (var other = QuantizeStage.Run(new QuantizeOptions { CalibrationImages = 4 }, ["resnet18"], DatasetLoader.Load(train), seed: 1, null, default))
                Assert.NotEqual(quantized.Sha256, Assert.Single(other.Quantized).Sha256);

            // The zip holds the int8 graph: a plain ML.NET app gives the training run's int8 predictions and probabilities.
            PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.Predict(a.ModelPath, a.TestPredictions.Select(p => p.Id)), a.TestPredictions, 1e-5f);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Problems_RefuseFeaturesUnfreezeAnInt8BackboneAFeaturizerWithoutARecipeAndNoCalibrationImages()
    {
        string Problems(TrainOptions options) => OptionProblem.Join(options.Problems());
        var quantize = new QuantizeOptions();
        var features = Problems(new TrainOptions { Features = ["f.parquet"], Out = "m.zip", Quantize = quantize });
        Assert.Contains("Quantize int8 calibrates the backbone on the training images: it cannot start from stored features", features);
        var int8 = Problems(new TrainOptions { Data = "d", Out = "m.zip", Backbones = ["resnet18-int8"], Quantize = quantize });
        Assert.Contains("backbone 'resnet18-int8' is already int8", int8);
        Assert.Contains("give its fp32 backbone 'resnet18'", int8);
        var classical = Problems(new TrainOptions { Data = "d", Out = "m.zip", Backbones = ["classical"], Quantize = quantize });
        Assert.Contains("quantizes ONNX image backbones that have a quantization recipe (resnet18); 'classical' is not an ONNX backbone", classical);
        var none = Problems(new TrainOptions { Data = "d", Out = "m.zip", Quantize = new QuantizeOptions { CalibrationImages = 0 } });
        Assert.Equal("CalibrationImages must be at least 1 (got 0).", none);
        Assert.Empty(new TrainOptions { Data = "d", Out = "m.zip", Quantize = quantize }.Problems());
    }

    private static string Copy(string dir, string name, string from, int perClass)
    {
        foreach (var (path, label) in TestData.Images(from, perClass).Where(i => Classes.Contains(i.Label)))
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir, name, label)).FullName;
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)));
        }
        return Path.Combine(dir, name);
    }

    private static string NoiseImages(string dir, string name, int perClass)
    {
        var random = new Random(7);
        foreach (var label in Classes)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir, name, label)).FullName;
            for (var n = 0; n < perClass; n++)
            {
                using var bitmap = new SKBitmap(28, 28, SKColorType.Rgba8888, SKAlphaType.Opaque);
                for (var y = 0; y < 28; y++)
                    for (var x = 0; x < 28; x++)
                        bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(folder, $"noise{n}.png"), png.ToArray());
            }
        }
        return Path.Combine(dir, name);
    }
}
