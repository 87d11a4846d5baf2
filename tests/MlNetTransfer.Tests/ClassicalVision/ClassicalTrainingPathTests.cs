using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.ClassicalVision;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.ClassicalVision;

/// <summary>
/// The classical part in the workflows: <c>Backbones = ["classical"]</c> (what <c>--backbone classical</c> passes) plans a
/// classical-image part after the ONNX backbones, and the training path's features equal the saved zip's.
/// </summary>
public sealed class ClassicalTrainingPathTests
{
    [Fact]
    public void The_training_path_features_equal_the_saved_zip_features()
    {
        var data = DatasetLoader.Load(TestData.FashionTest);
        var ml = new MLContext(seed: 0);
        using var run = FeatureRun.Start(ml, data, new FeatureRunOptions { Backbones = ["classical-32"], CacheDir = null });
        Assert.Equal(["ImagePath.classical-32"], run.Featurizer.Parts.Select(p => p.Name));
        Assert.Equal(ClassicalImagePartProvider.KindName, run.Featurizer.Parts[0].Kind);
        var trainingPath = run.Materialize(data, "featurize");

        var dir = TestData.TempDir();
        try
        {
            var zip = Path.Combine(dir, "featurizer.zip");
            ModelFile.Save(ml, run.Featurizer.Transformer, run.InputSchema, TrainingRecord.Of(data), zip);
            using var loaded = ModelFile.Load(new MLContext(seed: 1), zip);
            var saved = loaded.Transformer.Transform(data.ToDataView(includeLabel: false)).GetColumn<float[]>(FeaturePipeline.FeaturesColumn).ToArray();
            Assert.Equal(data.Count, saved.Length);
            for (var i = 0; i < saved.Length; i++)
                Assert.Equal(trainingPath[i].DenseValues().ToArray(), saved[i]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Classical_goes_after_the_onnx_backbones_and_its_sizes_are_checked()
    {
        var columns = new List<DatasetColumn> { new("photo", ColumnRole.Image, ["a.png"]) };
        var registry = FeaturePartRegistry.Default;
        var parts = FeaturePipeline.Plan(columns, new FeaturizerOptions
        {
            ImageBackbones = [BuiltInBackbones.ResNet18],
            ImageFeaturizers = ["classical", "CLASSICAL-128"],
        });
        Assert.Equal(["photo.resnet18", "photo.classical", "photo.classical-128"], parts.Select(p => p.Name));
        Assert.Equal(64, ClassicalImagePartProvider.SizeOf("classical"));
        Assert.Equal(128, ClassicalImagePartProvider.SizeOf("classical-128"));
        Assert.Equal("classical", registry.Resolve(ColumnRole.Image, "classical-64").Name);
        Assert.Contains("(got 4)", Assert.Throws<UserInputException>(() => registry.Resolve(ColumnRole.Image, "classical-4")).Message);
        Assert.Null(registry.Get<ClassicalImagePartProvider>().TryResolve("resnet18"));
    }
}
