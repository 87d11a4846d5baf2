using MlNetTransfer.Heads;
using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// Two independent training runs (fresh folders, no embedding cache) on the same data with the same seed and the
/// default stratified split produce the same metrics JSON byte for byte and zips that predict identically, for every
/// head on image and text data; another seed draws another split, so equal outputs are not a given.
/// </summary>
public sealed class ReproducibilityTests
{
    private const int Seed = 7;

    public static TheoryData<string, string> Cases() => new()
    {
        { "image", "lr" }, { "image", "fasttree" }, { "image", "mlp" },
        { "text", "lr" }, { "text", "fasttree" },
        // text + mlp is left out: TrainWorkflow on the SpamAssassin CSV with the mlp head crashes with
        // KeyNotFoundException in ClassificationMetrics.Compute (a test prediction's label is ""); see the Reliability report.
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameDataAndSeed_GiveIdenticalMetricsJsonAndPredictions(string data, string trainer)
    {
        var dir = TestData.TempDir();
        try
        {
            var (options, inputs) = Setup(dir, data, trainer);
            var first = Run(dir, "first", options with { Seed = Seed });
            var second = Run(dir, "second", options with { Seed = Seed });

            Assert.Equal(first.Result.TestPredictions.Select(p => p.Id), second.Result.TestPredictions.Select(p => p.Id));
            Assert.Equal(first.MetricsJson, second.MetricsJson);
            using var a = ModelPredictor.Load(first.Result.ModelPath);
            using var b = ModelPredictor.Load(second.Result.ModelPath);
            Assert.Equal(a.Labels, b.Labels);
            foreach (var input in inputs)
            {
                var (pa, pb) = (a.Predict(input), b.Predict(input));
                Assert.True(pa.Predicted == pb.Predicted && pa.Probabilities.SequenceEqual(pb.Probabilities),
                    $"{data}/{trainer}, '{Short(input)}': {pa.Predicted} [{string.Join(", ", pa.Probabilities)}] vs {pb.Predicted} [{string.Join(", ", pb.Probabilities)}]");
            }

            if (trainer == "lr")
            {
                // The default split depends on the seed: the comparison above could have failed.
                var other = Run(dir, "other-seed", options with { Seed = Seed + 1 });
                Assert.NotEqual(first.Result.TestPredictions.Select(p => p.Id), other.Result.TestPredictions.Select(p => p.Id));
                Assert.Equal(first.Result.TestExamples, other.Result.TestExamples);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Image: the first <see cref="ImagesPerClass"/> shipped training images of three Fashion-MNIST classes.</summary>
    private static readonly string[] ImageClasses = ["bag", "sandal", "shirt"];

    /// <summary>15 of each class: 45 images, so the training split (36 images) still runs more than one engine batch of 32.</summary>
    private const int ImagesPerClass = 15;

    /// <summary>Image: three Fashion-MNIST classes (45 images) in a class-folder tree; text: the SpamAssassin training CSV. Inputs to predict: every example.</summary>
    private static (TrainOptions Options, IReadOnlyList<string> Inputs) Setup(string dir, string data, string trainer)
    {
        if (data == "image")
        {
            var train = Path.Combine(dir, "data", "train");
            foreach (var (path, label) in TestData.Images(TestData.FashionTrain, ImagesPerClass).Where(i => ImageClasses.Contains(i.Label)))
                File.Copy(path, Path.Combine(Directory.CreateDirectory(Path.Combine(train, label)).FullName, Path.GetFileName(path)));
            var images = TestData.Images(train, int.MaxValue).Select(i => i.Path).ToList();
            return (new TrainOptions { Data = train, Trainer = HeadRegistry.Default.Get(trainer) }, images);
        }
        var texts = DatasetLoader.Load(TestData.SpamTrain, new DatasetOptions { TextColumns = ["text"] }).Columns.Single().Values;
        return (new TrainOptions { Data = TestData.SpamTrain, TextColumns = ["text"], Trainer = HeadRegistry.Default.Get(trainer) }, texts);
    }

    private static (TrainResult Result, string MetricsJson) Run(string dir, string name, TrainOptions options)
    {
        var run = Directory.CreateDirectory(Path.Combine(dir, name)).FullName;
        var result = TrainWorkflow.Run(options with { Out = Path.Combine(run, "model.zip"), MetricsJson = Path.Combine(run, "metrics.json") });
        return (result, File.ReadAllText(Path.Combine(run, "metrics.json")));
    }

    private static string Short(string input) => input.Length <= 60 ? input : input[..60] + "…";
}
