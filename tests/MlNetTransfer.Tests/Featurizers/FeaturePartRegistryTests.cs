using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Featurizers;

/// <summary>
/// A new kind of feature part is one provider and one registration: planned, fitted, materialised through its saved
/// steps (no direct path, no engine), saved in the zip, and predicted from the zip as in training.
/// </summary>
public sealed class FeaturePartRegistryTests
{
    /// <summary>A text kind made of one stock ML.NET step: word-count bags (<c>ProduceWordBags</c>).</summary>
    private sealed class WordBagsProvider : IFeaturePartProvider
    {
        public string Kind => "word-bags";
        public ColumnRole Role => ColumnRole.Text;
        public bool StandardizeInHead => true;
        public IReadOnlyList<string> KnownNames => ["word-bags"];

        public FeaturizerChoice? TryResolve(string name) => name.Trim() == "word-bags" ? new FeaturizerChoice("word-bags", this) : null;

        public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
            columns.Select(c => new FeaturePart($"{c}.word-bags", Kind, [c], choice.Name)).ToList();

        public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
            new(part, ml.Transforms.Text.ProduceWordBags(part.Name, part.Inputs[0], ngramLength: 1).Fit(view));
    }

    [Fact]
    public void ANewKind_IsOneProviderAndOneRegistration_AndRoundTripsThroughTheZip()
    {
        var registry = FeaturePartRegistry.CreateDefault().Register(new WordBagsProvider());
        var dir = TestData.TempDir();
        try
        {
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = TestData.SpamTrain,
                Test = TestData.SpamTest,
                TextColumns = ["text"],
                TextFeaturizers = ["word-bags", "tfidf"],
                FeatureParts = registry,
                Out = Path.Combine(dir, "bags.zip"),
            });
            Assert.True(result.Metrics.Accuracy >= 0.9, $"accuracy {result.Metrics.Accuracy}");
            var predictions = PredictWorkflow.Many(result.ModelPath, TestData.SpamTest, Path.Combine(dir, "p.csv"));
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));
            for (var i = 0; i < predictions.Count; i++)
                Assert.Equal(result.TestPredictions[i].Probabilities[1], predictions[i].Probabilities[1], 1e-5);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Plan_KeepsColumnThenFeaturizerOrder_AndTheNumericPartLast()
    {
        var columns = new List<DatasetColumn>
        {
            new("n1", ColumnRole.Numeric, ["1"], [1f]),
            new("a", ColumnRole.Text, ["x"]),
            new("b", ColumnRole.Text, ["y"]),
            new("n2", ColumnRole.Numeric, ["2"], [2f]),
        };
        var registry = FeaturePartRegistry.CreateDefault().Register(new WordBagsProvider());
        var parts = FeaturePipeline.Plan(columns, new FeaturizerOptions { TextFeaturizers = ["tfidf", "word-bags"], Registry = registry });
        Assert.Equal(["a.tfidf", "a.word-bags", "b.tfidf", "b.word-bags", "numeric"], parts.Select(p => p.Name));
        Assert.Equal(["n1", "n2"], parts[^1].Inputs);
        Assert.Equal(["text-vectorizer", "word-bags", "text-vectorizer", "word-bags", "numeric"], parts.Select(p => p.Kind));
    }

    [Fact]
    public void UnknownName_ListsEveryKnownName_AndADuplicateKindIsRefused()
    {
        var error = Assert.Throws<UserInputException>(() => FeaturePartRegistry.Default.Resolve(ColumnRole.Text, "word2vec"));
        Assert.StartsWith("Unknown text featurizer 'word2vec': expected one of bow, tfidf, sklearn-count, sklearn-tfidf, ", error.Message);
        Assert.Contains("minilm", error.Message);
        Assert.EndsWith("or a text backbone's ONNX path.", error.Message);
        Assert.Throws<ArgumentException>(() => FeaturePartRegistry.CreateDefault().Register(new NumericPartProvider()));
    }

    [Fact]
    public void TfIdfParts_TurnTheHeadsStandardisationOff_EmbeddingsAndNumbersKeepIt()
    {
        Assert.False(FeaturePartRegistry.Default.Get("text-vectorizer").StandardizeInHead);
        Assert.All(["image-backbone", "text-backbone", "numeric"], kind => Assert.True(FeaturePartRegistry.Default.Get(kind).StandardizeInHead));
    }
}
