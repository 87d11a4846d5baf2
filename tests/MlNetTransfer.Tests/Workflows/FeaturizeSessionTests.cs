using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// One ONNX Runtime session per backbone: <c>featurize</c> runs the backbone through its batched engine only, and never
/// builds the fitted featurizer's <c>ApplyOnnxModel</c> step (a second session on the same file, plus ML.NET's parsed copy
/// of the graph: ~0.34 GB of peak RSS for resnet18); a saved model still gets that step, built once, when first asked for.
/// </summary>
public sealed class FeaturizeSessionTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SmallImageFolder()
    {
        foreach (var (path, label) in TestData.Images(TestData.FashionTrain, perClass: 2).Where(i => i.Label is "bag" or "coat" or "dress"))
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, "data", label)).FullName;
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)));
        }
        return Path.Combine(_dir, "data");
    }

    [Fact]
    public void Featurize_OpensOneSessionOnTheBackbone_ForParquetAndAFeatureSpaceStep()
    {
        var data = SmallImageFolder();
        using var sessions = BackboneSessions.Watch();
        // Parquet records the featurizer (part sizes, from the schema), and --pca views the features with the featurizer's output type.
        var rows = FeaturizeWorkflow.Run(new FeaturizeOptions
        {
            Data = data, Out = Path.Combine(_dir, "f.parquet"), Backbones = ["resnet18"],
            FeatureSpace = new PcaFeatureSpaceTransform(new PcaOptions { Components = 2 }),
        });
        Assert.Equal(6, rows);
        Assert.Equal(1, sessions.Of(BuiltInBackbones.ResNet18.ModelPath));
        Assert.Equal(1, sessions.Total);
    }

    [Fact]
    public void SavedSteps_BuiltOnFirstUse_Once_WriteTheColumnsTheTrainingPathDescribed()
    {
        var images = TestData.Images(TestData.FashionTrain, perClass: 1);
        var ids = images.Select(i => i.Path).ToList();
        var numbers = ids.Select((_, i) => (float)i).ToList();
        var dataset = new Dataset("test", ids, images.Select(i => i.Label).ToList(),
            [new DatasetColumn("ImagePath", ColumnRole.Image, ids), new DatasetColumn("n", ColumnRole.Numeric, numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), numbers)]);
        using var sessions = BackboneSessions.Watch();
        using var featurizer = FeaturePipeline.Fit(new MLContext(0), dataset, new FeaturizerOptions { ImageBackbones = [BuiltInBackbones.ResNet18] });
        var described = featurizer.PartsSchema(dataset.InputSchema);
        var describedFeatures = featurizer.FeaturesType(dataset.InputSchema);
        Assert.Equal(0, sessions.Total);
        Assert.False(featurizer.FittedParts[0].IsBuilt);

        var whole = featurizer.Transformer.GetOutputSchema(dataset.InputSchema); // a saved model needs the ONNX step: built now
        var built = featurizer.PartsTransformer.GetOutputSchema(dataset.InputSchema);
        _ = featurizer.FittedParts[0].Transformer;
        Assert.Equal(1, sessions.Of(BuiltInBackbones.ResNet18.ModelPath));
        foreach (var part in featurizer.Parts)
        {
            Assert.Equal(built[part.Name].Type, described[part.Name].Type);
            Assert.Equal(built[part.Name].HasSlotNames(), described[part.Name].HasSlotNames());
        }
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 512 + 1), describedFeatures);
        Assert.Equal(whole[FeaturePipeline.FeaturesColumn].Type, describedFeatures);
        Assert.Equal(describedFeatures, featurizer.FeaturesType(dataset.InputSchema));
    }

    /// <summary>The engine's session is now the first to load the file: one ONNX Runtime refuses is still a user error naming it.</summary>
    [Fact]
    public void Featurize_WithAModelFileOnnxRuntimeRefuses_IsAUserErrorNamingTheModelAndItsManifest()
    {
        var data = SmallImageFolder();
        var onnx = Path.Combine(_dir, "broken.onnx");
        File.WriteAllBytes(onnx, [8, 7, 18, 4, 116, 101, 115, 116, 1, 2, 3]); // not a model
        var backbone = BuiltInBackbones.ResNet18;
        File.WriteAllText(Path.Combine(_dir, "broken.json"), BackboneManifest.Template("broken", "broken.onnx", backbone.Input, backbone.Output, 512, 224, 224));
        var e = Assert.Throws<UserInputException>(() => FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data, Out = Path.Combine(_dir, "f.csv"), Backbones = [onnx] }));
        Assert.Contains($"'{onnx}' does not load as its manifest '{Path.Combine(_dir, "broken.json")}' describes it", e.Message);
        Assert.Contains("mlnet-transfer inspect", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "f.csv")));
    }
}
