using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// The extension points refuse what would give a silent wrong answer (found by an adversarial review): heads whose
/// scores are in another order or shape, heads and feature-space steps that read the label, parts that shadow columns
/// or repeat, providers whose rows do not fit, option values with braces, null options.
/// </summary>
public sealed class ContractChecksTests
{
    private static readonly VectorDataViewType Two = new(NumberDataViewType.Single, 2);

    private static IDataView View(MLContext ml) => new TableDataView(4)
        .AddVector("Features", [new float[] { 0, 1 }, [1, 0], [0, 2], [2, 0]], Two)
        .AddText("Label", ["zeta", "alpha", "zeta", "alpha"]);

    /// <summary>A head built like lr, with a caller-chosen key order and extra steps.</summary>
    private sealed class LrLike(string name, ValueToKeyMappingEstimator.KeyOrdinality order, bool readsLabel = false) : IHeadTrainer
    {
        public string Name => name;
        public string Description => name;

        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
        {
            IEstimator<ITransformer> chain = ml.Transforms.Conversion.MapValueToKey("LabelKey", context.LabelColumn, keyOrdinality: order);
            var fitted = chain.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", context.FeatureColumn))
                .Append(ml.Transforms.CopyColumns(ClassificationHead.PredictedLabelKey, ClassificationHead.PredictedLabel))
                .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel))
                .Fit(data);
            // readsLabel: the label-to-key step stays inside the head, so a saved model would need a label column.
            return readsLabel ? fitted : new TransformerChain<ITransformer>(fitted.Skip(1).ToArray());
        }
    }

    [Fact]
    public void AHeadWhoseScoresAreInAnotherLabelOrder_IsRefused()
    {
        var ml = new MLContext(0);
        var error = Assert.Throws<InvalidOperationException>(() => ClassificationHead.Fit(ml, View(ml),
            new LrLike("occurrence", ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, readsLabel: false), new HeadTrainingContext(["alpha", "zeta"])));
        Assert.Contains("'PredictedLabelKey' has the labels [zeta, alpha], not [alpha, zeta] in that order", error.Message);
        // the same head in value order honours the contract
        ClassificationHead.Fit(ml, View(ml), new LrLike("value", ValueToKeyMappingEstimator.KeyOrdinality.ByValue), new HeadTrainingContext(["alpha", "zeta"]));
    }

    [Fact]
    public void AHeadThatReadsTheLabelAtPredictionTime_IsRefused()
    {
        var ml = new MLContext(0);
        var error = Assert.Throws<InvalidOperationException>(() => ClassificationHead.Fit(ml, View(ml),
            new LrLike("needs-label", ValueToKeyMappingEstimator.KeyOrdinality.ByValue, readsLabel: true), new HeadTrainingContext(["alpha", "zeta"])));
        Assert.StartsWith("Head 'needs-label' reads the label column 'Label' at prediction time", error.Message);
    }

    private sealed class WideScoreHead : IHeadTrainer
    {
        public string Name => "wide";
        public string Description => "4 scores for 2 labels";

        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context) =>
            new LrLike("x", ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(ml, data, context) is TransformerChain<ITransformer> chain
                ? chain.Append(ml.Transforms.Concatenate(ClassificationHead.Score, ClassificationHead.Score, ClassificationHead.Score).Fit(chain.Transform(data)))
                : throw new InvalidOperationException();
    }

    [Fact]
    public void AHeadWhoseScoreHasOneSlotPerLabelMissing_IsRefused()
    {
        var ml = new MLContext(0);
        var error = Assert.Throws<InvalidOperationException>(() => ClassificationHead.Fit(ml, View(ml), new WideScoreHead(), new HeadTrainingContext(["alpha", "zeta"])));
        Assert.Contains("'Score' must be a vector of 2 floats, one per label", error.Message);
    }

    private static string NumericCsv(string dir)
    {
        var random = new Random(3);
        var lines = new List<string> { "x1,x2,label" };
        for (var i = 0; i < 40; i++)
        {
            var label = i % 2 == 0 ? "a" : "b";
            var shift = label == "a" ? 0 : 3;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{random.NextDouble() + shift:0.000},{random.NextDouble() - shift:0.000},{label}"));
        }
        var path = Path.Combine(dir, "numbers.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Theory]
    [InlineData("reads-label", "reads the label column 'Label'")]
    [InlineData("other-column", "does not write 'Features'")]
    [InlineData("doubles", "as a known-size vector of floats")]
    public void AFeatureSpaceStepThatBreaksItsContract_IsRefusedNamingIt(string kind, string expected)
    {
        var dir = TestData.TempDir();
        try
        {
            var step = new StockFeatureSpaceTransform(kind, (ml, column) => kind switch
            {
                "reads-label" => ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label")
                    .Append(ml.Transforms.Conversion.MapKeyToVector("LabelOneHot", "LabelKey"))
                    .Append(ml.Transforms.Concatenate(column, column, "LabelOneHot")),
                "other-column" => ml.Transforms.CopyColumns("Other", column),
                _ => ml.Transforms.Conversion.ConvertType(column, outputKind: DataKind.Double),
            });
            var error = Assert.Throws<InvalidOperationException>(() => TrainWorkflow.Run(new TrainOptions
            {
                Data = NumericCsv(dir), Out = Path.Combine(dir, "m.zip"), FeatureSpace = step,
            }));
            Assert.Contains($"Feature-space step '{kind}'", error.Message);
            Assert.Contains(expected, error.Message);
            Assert.False(File.Exists(Path.Combine(dir, "m.zip")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void APartNamedLikeADatasetColumn_OrAFeaturizerGivenTwice_IsAUserError()
    {
        var columns = new List<DatasetColumn> { new("a", ColumnRole.Text, ["x y"]), new("a.tfidf", ColumnRole.Numeric, ["1"], [1f]) };
        var shadow = Assert.Throws<UserInputException>(() => FeaturePipeline.Plan(columns, new FeaturizerOptions()));
        Assert.Contains("Column 'a.tfidf' has the name of the feature part that column 'a' makes", shadow.Message);

        var twice = Assert.Throws<UserInputException>(() => FeaturePipeline.Plan([columns[0]], new FeaturizerOptions { TextFeaturizers = ["tfidf", " TFIDF"] }));
        Assert.Contains("Feature part 'a.tfidf' would be made twice", twice.Message);
        var problems = new TrainOptions { Data = "d", Out = "m.zip", TextFeaturizers = ["bow", "BOW"] }.Problems();
        Assert.Contains(problems, p => p.ToString() == "TextFeaturizers names 'bow' more than once");
    }

    /// <summary>A text kind that plans nothing, or whose direct rows have the wrong size.</summary>
    private sealed class FaultyProvider(string fault) : IFeaturePartProvider
    {
        public string Kind => "faulty";
        public ColumnRole Role => ColumnRole.Text;
        public bool StandardizeInHead => true;
        public IReadOnlyList<string> KnownNames => ["faulty"];
        public FeaturizerChoice? TryResolve(string name) => name == "faulty" ? new FeaturizerChoice(name, this) : null;

        public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
            fault == "plans-nothing" ? [] : columns.Select(c => new FeaturePart($"{c}.faulty", Kind, [c], choice.Name)).ToList();

        public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
            new Fitted(part, ml.Transforms.Text.ProduceWordBags(part.Name, part.Inputs[0], ngramLength: 1).Fit(view));

        private sealed class Fitted(FeaturePart part, ITransformer transformer) : FittedFeaturePart(part, transformer), IDirectFeatureRows
        {
            public VBuffer<float>[] Rows(Dataset data, bool isFittedData) =>
                Enumerable.Range(0, data.Count).Select(_ => new VBuffer<float>(1, [1f])).ToArray();
        }
    }

    [Theory]
    [InlineData("plans-nothing", "No feature part reads column 'text'")]
    [InlineData("wrong-size", "Feature part 'text.faulty' (faulty) computed 1 values for row 1; its saved steps make")]
    public void AProviderThatPlansNothingOrMakesRowsOfTheWrongSize_IsABugNamingThePart(string fault, string expected)
    {
        var registry = FeaturePartRegistry.CreateDefault().Register(new FaultyProvider(fault));
        var dir = TestData.TempDir();
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => TrainWorkflow.Run(new TrainOptions
            {
                Data = TestData.SpamTrain, TextColumns = ["text"], TextFeaturizers = ["faulty"], FeatureParts = registry, Out = Path.Combine(dir, "m.zip"),
            }));
            Assert.StartsWith(expected, error.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void OptionProblems_KeepBracesInValues_AndNullOptionsAreProblemsNotCrashes()
    {
        var braces = new TrainOptions { Data = "d", Out = "m{0}}.txt", TextFeaturizers = ["x{0}"] }.Problems().Select(p => p.ToString()).ToList();
        Assert.Contains("Out must name a .zip file (got 'm{0}}.txt')", braces);
        Assert.Contains(braces, p => p.StartsWith("unknown text featurizer 'x{0}'", StringComparison.Ordinal));
        Assert.Contains("--out must name a .zip file (got 'm{0}}.txt')", new TrainOptions { Data = "d", Out = "m{0}}.txt" }.Problems().Select(p => p.Describe("--out")));

        var nulls = new TrainOptions { Data = "d", Out = "m.zip", Trainer = null!, Backbones = null!, TextFeaturizers = null!, FeatureParts = null! }
            .Problems().Select(p => p.ToString()).ToList();
        Assert.Equal(["Trainer is required", "FeatureParts is required", "at least one Backbones is needed", "at least one TextFeaturizers is needed"], nulls);
    }
}
