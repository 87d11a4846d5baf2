using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Heads;

/// <summary>A new head is one class and one registration; the output contract is checked for every head.</summary>
public sealed class HeadRegistryTests
{
    /// <summary>
    /// ML.NET's SDCA maximum entropy, honouring the contract with the shared label steps. At most 50 passes: left to
    /// itself, SDCA takes 3 x 500,000 / rows passes (20,000 on these 72 rows) with a matching tiny L2, 80 s of the suite.
    /// </summary>
    private sealed class SdcaHead : IHeadTrainer
    {
        public string Name => "sdca";
        public string Description => "SDCA maximum entropy";

        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
        {
            var keyed = ml.Transforms.Conversion.MapValueToKey("LabelKey", context.LabelColumn).Fit(data).Transform(data);
            return ml.Transforms.NormalizeMeanVariance(context.FeatureColumn)
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", context.FeatureColumn, maximumNumberOfIterations: 50))
                .Append(ml.Transforms.CopyColumns(ClassificationHead.PredictedLabelKey, ClassificationHead.PredictedLabel))
                .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel))
                .Fit(keyed);
        }
    }

    /// <summary>A head that forgets the text label.</summary>
    private sealed class BrokenHead : IHeadTrainer
    {
        public string Name => "broken";
        public string Description => "no PredictedLabel";

        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context) =>
            ml.Transforms.CopyColumns("Score", context.FeatureColumn).Fit(data);
    }

    [Fact]
    public void DefaultRegistry_HasTheDocumentedHeads_InOrder()
    {
        Assert.Equal(["lr", "fasttree", "lightgbm", "mlp"], HeadRegistry.Default.Names);
        Assert.IsType<MultilayerPerceptronHead>(HeadRegistry.Default.Get(" MLP "));
        var error = Assert.Throws<UserInputException>(() => HeadRegistry.Default.Get("svm"));
        Assert.Equal("Unknown trainer 'svm': expected one of lr, fasttree, lightgbm, mlp.", error.Message);
        Assert.Throws<ArgumentException>(() => HeadRegistry.CreateDefault().Register(new LogisticRegressionHead()));
    }

    [Fact]
    public void ANewHead_IsOneClassAndOneRegistration_AndTrainsASavedModel()
    {
        var registry = HeadRegistry.CreateDefault().Register(new SdcaHead());
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "bag", "sandal", "trouser");
            var result = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(dir, "sdca.zip"), Trainer = registry.Get("sdca") });
            Assert.True(result.Metrics.Accuracy >= 0.8, $"accuracy {result.Metrics.Accuracy}");
            var predictions = PredictWorkflow.Many(result.ModelPath, test, Path.Combine(dir, "p.csv"));
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AHeadThatBreaksTheOutputContract_IsABug_NamedWithWhatIsMissing()
    {
        var ml = new MLContext(0);
        var view = new TableDataView(4)
            .AddVector("Features", [new float[] { 0, 1 }, [1, 0], [0, 2], [2, 0]], new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, 2))
            .AddText("Label", ["a", "b", "a", "b"]);
        var error = Assert.Throws<InvalidOperationException>(() => ClassificationHead.Fit(ml, view, new BrokenHead(), new HeadTrainingContext(["a", "b"])));
        Assert.Contains("Head 'broken' breaks the output contract: no text 'PredictedLabel' column; no key 'PredictedLabelKey' column", error.Message);
    }
}
