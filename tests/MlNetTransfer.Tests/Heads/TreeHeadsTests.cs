using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Heads;

/// <summary>
/// The tree heads (<c>fasttree</c>, <c>lightgbm</c>): the output contract for two labels and for more, the same model for
/// the same seed, several fits in one process on different rows (cross-validation folds), their size options, and a real
/// data set end to end.
/// </summary>
public sealed class TreeHeadsTests
{
    private const int Dimensions = 12;

    /// <summary>
    /// <paramref name="classes"/> Gaussian blobs in 12 dimensions, class c centred at 1.5 on feature c (the others noise),
    /// standard deviation 1: separable only in part, so a model that learns nothing scores about 1 / classes.
    /// </summary>
    private static (float[][] X, List<string> Y) Blobs(int classes, int perClass, int seed)
    {
        var random = new Random(seed);
        var x = new List<float[]>();
        var y = new List<string>();
        for (var i = 0; i < perClass; i++)
            for (var c = 0; c < classes; c++)
            {
                x.Add(Enumerable.Range(0, Dimensions).Select(j => (float)((j == c ? 1.5 : 0) + Gaussian(random))).ToArray());
                y.Add($"class-{c}");
            }
        return (x.ToArray(), y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static IDataView View(float[][] x, IReadOnlyList<string> y) =>
        new TableDataView(x.Length).AddVector("Features", x, new VectorDataViewType(NumberDataViewType.Single, Dimensions)).AddText("Label", y);

    private static IHeadTrainer Head(string name) => HeadRegistry.Default.Get(name);

    /// <summary>Held-out accuracy and the scores of every held-out row (a binary head's margin, or the per-class vector).</summary>
    private static (double Accuracy, float[][] Scores) Score(ITransformer fitted, float[][] x, List<string> y)
    {
        var scored = fitted.Transform(View(x, y));
        var predicted = scored.GetColumn<string>(ClassificationHead.PredictedLabel).ToList();
        var scores = scored.Schema[ClassificationHead.Score].Type is VectorDataViewType
            ? scored.GetColumn<VBuffer<float>>(ClassificationHead.Score).Select(v => v.DenseValues().ToArray()).ToArray()
            : scored.GetColumn<float>(ClassificationHead.Score).Select(v => new[] { v }).ToArray();
        return (predicted.Zip(y).Count(p => p.First == p.Second) / (double)y.Count, scores);
    }

    [Fact]
    public void Registry_HasLightGbm_AfterFastTree()
    {
        Assert.Equal(["lr", "fasttree", "lightgbm", "mlp"], HeadRegistry.Default.Names);
        Assert.IsType<LightGbmHead>(HeadRegistry.Default.Get("LightGBM"));
    }

    [Theory]
    [InlineData("fasttree", 2)]
    [InlineData("fasttree", 4)]
    [InlineData("lightgbm", 2)]
    [InlineData("lightgbm", 4)]
    public void TreeHeads_LearnTwoOrMoreLabels_WithTheContractsOutputs_AndTheSameModelForTheSameSeed(string name, int classes)
    {
        var (x, y) = Blobs(classes, 150, seed: 1);
        var (testX, testY) = Blobs(classes, 100, seed: 2);
        var labels = y.Distinct().Order(StringComparer.Ordinal).ToList();
        var context = new HeadTrainingContext(labels) { Seed = 3 };
        var fitted = ClassificationHead.Fit(new MLContext(3), View(x, y), Head(name), context); // the contract is checked here
        var again = ClassificationHead.Fit(new MLContext(3), View(x, y), Head(name), context);

        var schema = fitted.GetOutputSchema(View(testX, testY).Schema);
        if (classes == 2)
        {
            Assert.Equal(NumberDataViewType.Single, schema[ClassificationHead.Score].Type);
            Assert.Equal(NumberDataViewType.Single, schema[ClassificationHead.Probability].Type);
        }
        else Assert.Equal(classes, ((VectorDataViewType)schema[ClassificationHead.Score].Type).Size);

        var (accuracy, scores) = Score(fitted, testX, testY);
        // Bayes accuracy of these blobs: about 0.77 for 2 classes, 0.63 for 4; chance is 0.5 / 0.25.
        Assert.True(accuracy >= (classes == 2 ? 0.70 : 0.52), $"{name}, {classes} classes: held-out accuracy {accuracy}");
        Assert.Equal(scores, Score(again, testX, testY).Scores);
    }

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void TreeHeads_FitFoldAfterFold_InOneProcess_AsFreshFitsWould(string name)
    {
        var (x, y) = Blobs(3, 120, seed: 4);
        var labels = y.Distinct().Order(StringComparer.Ordinal).ToList();
        var head = Head(name); // one instance for every fold, as a cross-validation would use it
        var folds = Enumerable.Range(0, 3).Select(f => Enumerable.Range(0, x.Length).Where(i => i / 3 % 3 == f).ToList()).ToList(); // rows cycle through the classes
        var results = new List<float[][]>();
        foreach (var fold in folds)
        {
            var trainRows = Enumerable.Range(0, x.Length).Except(fold).ToList();
            var (accuracy, scores) = Score(
                ClassificationHead.Fit(new MLContext(5), View(trainRows.Select(i => x[i]).ToArray(), trainRows.Select(i => y[i]).ToList()), head,
                    new HeadTrainingContext(labels) { Seed = 5 }),
                fold.Select(i => x[i]).ToArray(), fold.Select(i => y[i]).ToList());
            Assert.True(accuracy >= 0.6, $"{name}, fold accuracy {accuracy}");
            results.Add(scores);
        }
        // The last fold again, alone in a fresh context with a fresh head: the earlier folds left nothing behind.
        var lastTrain = Enumerable.Range(0, x.Length).Except(folds[2]).ToList();
        var fresh = ClassificationHead.Fit(new MLContext(5), View(lastTrain.Select(i => x[i]).ToArray(), lastTrain.Select(i => y[i]).ToList()),
            HeadRegistry.CreateDefault().Get(name), new HeadTrainingContext(labels) { Seed = 5 });
        Assert.Equal(results[2], Score(fresh, folds[2].Select(i => x[i]).ToArray(), folds[2].Select(i => y[i]).ToList()).Scores);
    }

    [Fact]
    public void TreeHeads_SizeOptions_ChangeTheModel_AndBadOnesAreListedTogether()
    {
        var (x, y) = Blobs(3, 100, seed: 6);
        var (testX, testY) = Blobs(3, 100, seed: 7);
        var labels = y.Distinct().Order(StringComparer.Ordinal).ToList();
        var context = new HeadTrainingContext(labels) { Seed = 1 };
        foreach (var (small, full) in new (IHeadTrainer, IHeadTrainer)[]
                 {
                     (new FastTreeHead(Trees: 3, Leaves: 2), new FastTreeHead()),
                     (new LightGbmHead(Iterations: 3, Leaves: 2, MinimumExamplesPerLeaf: 5), new LightGbmHead()),
                 })
        {
            var (_, smallScores) = Score(ClassificationHead.Fit(new MLContext(1), View(x, y), small, context), testX, testY);
            var (_, fullScores) = Score(ClassificationHead.Fit(new MLContext(1), View(x, y), full, context), testX, testY);
            Assert.NotEqual(smallScores, fullScores);
            // Three stumps barely move the scores away from a uniform guess; a hundred trees do.
            Assert.True(Spread(smallScores) < Spread(fullScores), $"{small.Name}: spread {Spread(smallScores)} vs {Spread(fullScores)}");
        }

        var fastTree = Assert.Throws<UserInputException>(() => ClassificationHead.Fit(new MLContext(1), View(x, y), new FastTreeHead(Trees: 0, Bins: 1, FeatureFraction: 1.5), context));
        Assert.Equal("Invalid FastTree options: trees must be positive (got 0); bins must be at least 2 (got 1); feature fraction must be in (0, 1] (got 1.5).", fastTree.Message);
        var lightGbm = Assert.Throws<UserInputException>(() => ClassificationHead.Fit(new MLContext(1), View(x, y), new LightGbmHead(Leaves: 1, LearningRate: 0), context));
        Assert.Equal("Invalid LightGBM options: leaves must be at least 2 (got 1); learning rate must be positive (got 0).", lightGbm.Message);
    }

    /// <summary>Mean over rows of the largest minus the smallest class score.</summary>
    private static double Spread(float[][] scores) => scores.Average(s => s.Max() - s.Min());

    [Theory]
    [InlineData(256, 0.5)] // 128 of 256 features per tree
    [InlineData(8, 1.0)] // a narrow table: every feature
    public void FastTree_ByDefault_DrawsAtMost128FeaturesPerTree_AndEveryFeatureOfANarrowTable(int width, double fraction)
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 90).Select(i => Enumerable.Range(0, width).Select(j => (float)((j % 3 == i % 3 ? 1.0 : 0) + Gaussian(random))).ToArray()).ToArray();
        var y = Enumerable.Range(0, 90).Select(i => $"c{i % 3}").ToList();
        IDataView Data() => new TableDataView(x.Length).AddVector("Features", x, new VectorDataViewType(NumberDataViewType.Single, width)).AddText("Label", y);
        var context = new HeadTrainingContext(["c0", "c1", "c2"]) { Seed = 2 };
        float[][] Scores(FastTreeHead head) => ClassificationHead.Fit(new MLContext(2), Data(), head, context).Transform(Data())
            .GetColumn<VBuffer<float>>(ClassificationHead.Score).Select(v => v.DenseValues().ToArray()).ToArray();
        var byDefault = Scores(new FastTreeHead(Trees: 10));
        Assert.Equal(Scores(new FastTreeHead(Trees: 10, FeatureFraction: fraction)), byDefault);
        Assert.NotEqual(Scores(new FastTreeHead(Trees: 10, FeatureFraction: fraction == 1 ? 0.5 : 1)), byDefault);
    }

    [Fact]
    public void LightGbm_OnPenguins_EndToEnd_SavesAModelThatPredictsAsTrained()
    {
        var dir = TestData.TempDir();
        try
        {
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = TestData.Penguins, Label = "Species", Out = Path.Combine(dir, "penguins.zip"), Trainer = HeadRegistry.Default.Get("lightgbm"),
            });
            Assert.True(result.Metrics.Accuracy >= 0.95, $"accuracy {result.Metrics.Accuracy}");
            var reloaded = EvaluateWorkflow.Run(result.ModelPath, TestData.Penguins, "Species");
            Assert.True(reloaded.Accuracy >= 0.95, $"the saved model's accuracy on every row {reloaded.Accuracy}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
