using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// EXIF orientation (fixtures from <c>Fixtures/exif/make_exif_fixtures.py</c>: <c>upright.jpg</c>, and
/// <c>orientation-N.jpg</c> storing the same picture turned so that a viewer applying tag N shows it upright; every
/// file's upright pixels are bit-identical, as Pillow's <c>exif_transpose</c> checked when they were made).
/// </summary>
public sealed class ExifOrientationTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Reliability", "Fixtures", "exif", name);

    private static string Upright => Fixture("upright.jpg");

    private static string Oriented(int n) => Fixture($"orientation-{n}.jpg");

    private static IReadOnlyList<string> AllFixtures => [Upright, .. Enumerable.Range(1, 8).Select(Oriented)];

    private static (int Width, int Height, byte[] Pixels) Decode(string path)
    {
        using var stream = File.OpenRead(path);
        using var image = MLImage.CreateFromStream(stream);
        return (image.Width, image.Height, image.Pixels.ToArray());
    }

    /// <summary>
    /// The measurement behind the feature: ML.NET 5's decoder (MLImage, what LoadImages uses) gives the STORED pixels and
    /// ignores the tag, for every orientation but 1. If ML.NET starts honouring it, this fails: then drop the upright copies.
    /// </summary>
    [Fact]
    public void MlNetDecoder_IgnoresExifOrientation()
    {
        var upright = Decode(Upright);
        Assert.Equal((48, 32), (upright.Width, upright.Height));
        for (var n = 1; n <= 8; n++)
        {
            var decoded = Decode(Oriented(n));
            Assert.Equal(n, ImageOrientation.Read(Oriented(n)));
            Assert.Equal(n >= 5 ? (32, 48) : (48, 32), (decoded.Width, decoded.Height)); // as stored: 5..8 stay sideways
            Assert.Equal(n == 1, decoded.Pixels.AsSpan().SequenceEqual(upright.Pixels));
        }
        Assert.Equal(1, ImageOrientation.Read(Upright)); // no EXIF at all
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void UprightCopy_DecodesWithMlNet_ToExactlyTheUprightPixels(int orientation)
    {
        var dir = TestData.TempDir();
        try
        {
            var copy = Path.Combine(dir, "upright.png");
            ImageOrientation.WriteUpright(Oriented(orientation), copy);
            var expected = Decode(Upright);
            var actual = Decode(copy);
            Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"orientation {orientation}: pixels differ");
            Assert.Equal(1, ImageOrientation.Read(copy));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The training path (batched engine, no cache) embeds every rotated copy as the upright image.</summary>
    [Fact]
    public void TrainingPath_EveryOrientation_GivesTheUprightEmbedding()
    {
        var paths = AllFixtures;
        var dataset = new Dataset("exif", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);
        using var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, batchSize: 4);
        var embeddings = embedder.Embed(dataset, Dataset.ImagePathColumn, "embedding");
        for (var i = 1; i < paths.Count; i++)
            AssertClose(embeddings[0], embeddings[i], Path.GetFileName(paths[i]));
    }

    /// <summary>
    /// The saved featurizer zip, loaded with plain <c>Model.Load</c> and fed as evaluate / predict feed it
    /// (<see cref="UprightImages"/>), embeds every rotated copy as the upright image, and as the training path does.
    /// </summary>
    [Fact]
    public void SavedZip_EveryOrientation_GivesTheUprightEmbedding_AsTheTrainingPathDoes()
    {
        var dir = TestData.TempDir();
        try
        {
            var paths = AllFixtures;
            var dataset = new Dataset("exif", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);
            var ml = new MLContext(0);
            var view = dataset.ToDataView(includeLabel: false);
            var zip = Path.Combine(dir, "featurizer.zip");
            using (var fitted = (IDisposable)ml.Transforms.ExtractImageEmbeddings("E", BuiltInBackbones.ResNet18, Dataset.ImagePathColumn).Fit(view))
                ml.Model.Save((ITransformer)fitted, view.Schema, zip);

            var loaded = new MLContext(0).Model.Load(zip, out _);
            try
            {
                using var upright = new UprightImages();
                var saved = loaded.Transform(upright.Apply(dataset).ToDataView(includeLabel: false))
                    .GetColumn<VBuffer<float>>("E").Select(v => v.DenseValues().ToArray()).ToList();
                using var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18);
                var engine = embedder.Embed(dataset, Dataset.ImagePathColumn, "embedding");
                for (var i = 0; i < paths.Count; i++)
                {
                    AssertClose(saved[0], saved[i], Path.GetFileName(paths[i]));
                    AssertClose(engine[i], saved[i], "engine vs zip: " + Path.GetFileName(paths[i]));
                }
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>predict (one input, a folder) and the thread-safe predictor give every rotated copy the upright image's prediction.</summary>
    [Fact]
    public void Predict_EveryOrientation_ScoresAsTheUprightImage()
    {
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "bag", "sneaker");
            var zip = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(dir, "m.zip"), Trainer = HeadRegistry.Default.Get("lr") }).ModelPath;
            var folder = Directory.CreateDirectory(Path.Combine(dir, "photos")).FullName;
            foreach (var path in AllFixtures) File.Copy(path, Path.Combine(folder, Path.GetFileName(path)));

            var many = PredictWorkflow.Many(zip, folder, Path.Combine(dir, "p.csv"));
            var reference = many.Single(p => p.Id.EndsWith("upright.jpg", StringComparison.Ordinal)).Probabilities;
            Assert.Equal(9, many.Count);
            foreach (var p in many) AssertClose(reference, p.Probabilities, p.Id);

            using var predictor = ModelPredictor.Load(zip);
            for (var n = 1; n <= 8; n++)
            {
                AssertClose(reference, predictor.Predict(Oriented(n)).Probabilities, $"ModelPredictor orientation {n}");
                AssertClose(reference, PredictWorkflow.One(zip, Oriented(n)).Prediction.Probabilities, $"predict --input orientation {n}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        var maxDiff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(maxDiff <= 1e-4, $"{what}: max abs diff {maxDiff}");
    }
}
