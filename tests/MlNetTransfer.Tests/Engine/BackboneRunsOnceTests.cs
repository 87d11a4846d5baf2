using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Engine;

/// <summary>
/// The backbone runs once per image while a head is fitted: the image-path column is read exactly once per row.
/// (Without a cache point, every trainer pass would re-read the path, decode the image and re-run the backbone.)
/// </summary>
public sealed class BackboneRunsOnceTests
{
    private static TableDataView Data(out IReadOnlyList<string> ids)
    {
        var images = TestData.Images(TestData.FashionTrain, perClass: 4);
        ids = images.Select(i => i.Path).ToList();
        return new TableDataView(images.Count).AddText("ImagePath", ids).AddText("Label", images.Select(i => i.Label).ToList());
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("fasttree")]
    public void TrainingPath_RunsTheBackboneOncePerImage(string kind)
    {
        var ml = new MLContext(seed: 1);
        var images = TestData.Images(TestData.FashionTrain, perClass: 4);
        var ids = images.Select(i => i.Path).ToList();
        var labels = images.Select(i => i.Label).ToList();
        var dataset = new Dataset("test", ids, labels, [new DatasetColumn("ImagePath", ColumnRole.Image, ids)]);
        using var featurizer = FeaturePipeline.Fit(ml, dataset, new FeaturizerOptions { ImageBackbones = [BuiltInBackbones.ResNet18] });
        using var engines = new BackboneEngines();

        var features = FeatureMaterializer.Run(featurizer, dataset, "featurize", null, default, engines);
        var view = FeatureMaterializer.ToView(featurizer, dataset.InputSchema, features, labels);
        var head = ClassificationHead.Fit(ml, view, kind, new HeadTrainingContext(labels.Distinct().Order(StringComparer.Ordinal).ToList()));
        head.Transform(view).Preview();

        Assert.Equal(ids.Count, engines.Counters.ImagesRun);
        Assert.DoesNotContain(view.Schema, c => c.Name == "ImagePath"); // the head never sees an image
    }

    [Fact]
    public void LibraryPipeline_WithCacheCheckpoint_ReadsEachImageOnce()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(out var ids);
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label"))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "Features"));
        using var model = (IDisposable)pipeline.Fit(data);
        Assert.Equal(ids.Count, data.ValuesRead("ImagePath"));
    }
}
