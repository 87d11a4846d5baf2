using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

public sealed class MlpEstimatorTests
{
    [Fact]
    public void InAnMlNetPipeline_AfterImageEmbeddings_SavesAndLoadsWithIdenticalPredictions()
    {
        var ml = new MLContext(1);
        var images = TestData.Images(TestData.FashionTrain, perClass: 6).Where(i => i.Label is "bag" or "sandal" or "trouser").ToList();
        var data = new TableDataView(images.Count).AddText("ImagePath", images.Select(i => i.Path).ToList()).AddText("Label", images.Select(i => i.Label).ToList());
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { HiddenLayers = [32], MaxEpochs = 30, Seed = 3 }));

        var propagated = pipeline.GetOutputSchema(TestData.ShapeOf(data.Schema));
        var model = pipeline.Fit(data);
        var scored = model.Transform(data);
        foreach (var name in new[] { "Score", "PredictedLabel", "PredictedLabelKey" })
            Assert.Contains(propagated, c => c.Name == name);
        Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var before = scored.GetColumn<string>("PredictedLabel").ToList();
        Assert.True(before.Zip(images).Count(p => p.First == p.Second.Label) >= 15, "the head should fit its 18 training images");

        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        ((IDisposable)model).Dispose();
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out _);
        try
        {
            Assert.Equal(before, loaded.Transform(data).GetColumn<string>("PredictedLabel"));
        }
        finally
        {
            ((IDisposable)loaded).Dispose();
        }
    }

    [Fact]
    public void MissingFeatureColumn_FailsInGetOutputSchema_NamingIt()
    {
        var ml = new MLContext(1);
        var data = new TableDataView(2).AddText("Label", ["a", "b"]);
        var e = Assert.ThrowsAny<Exception>(() => ml.MulticlassClassification.Trainers.Mlp(ml, featureColumnName: "Embedding").GetOutputSchema(TestData.ShapeOf(data.Schema)));
        Assert.Contains("'Embedding'", e.Message);
        var fit = Assert.ThrowsAny<Exception>(() => ml.MulticlassClassification.Trainers.Mlp(ml, featureColumnName: "Embedding").Fit(data));
        Assert.Contains("'Embedding'", fit.Message);
    }

    [Fact]
    public void FitsItsStepsInTheCallersContext()
    {
        var ml = new MLContext(1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var random = new Random(5);
        var labels = Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c").ToList();
        var features = labels.Select(l => Enumerable.Range(0, 4).Select(j => (float)random.NextDouble() + (l[0] - 'a' == j ? 2f : 0f)).ToArray()).ToList();
        var data = new TableDataView(labels.Count).AddVector("Features", features, new VectorDataViewType(NumberDataViewType.Single, 4)).AddText("Label", labels);

        var model = ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { HiddenLayers = [8], MaxEpochs = 5, Seed = 3 }).Fit(data);
        try
        {
            Assert.Equal(labels.Count, model.Transform(data).GetColumn<string>("PredictedLabel").Count());
            Assert.NotEmpty(messages);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }

        var other = new MLContext(1);
        Assert.Throws<ArgumentException>(() => other.MulticlassClassification.Trainers.Mlp(ml));
    }
}
