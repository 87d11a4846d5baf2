using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

public sealed class MlpEstimatorTests
{
    [Fact]
    public void KeyLabelWithNumericKeyValues_PredictedLabelCarriesThem_AndMissingKeysAreSkipped()
    {
        var ml = new MLContext(1);
        var (features, labels) = Blobs(30);
        // Labels 10, 20, 30 as floats; rows labelled 99 are not in the key's values, so their key is missing (0).
        var values = labels.Select((l, i) => i % 10 == 9 ? 99f : 10f * (l + 1)).ToList();
        var data = new TableDataView(values.Count).AddVector("Features", features, new VectorDataViewType(NumberDataViewType.Single, 4)).AddSingle("Value", values);
        var keyData = new TableDataView(3).AddSingle("Value", [30f, 10f, 20f]);
        var model = ml.Transforms.Conversion.MapValueToKey("Label", "Value", keyData: keyData)
            .Append(ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { HiddenLayers = [8], MaxEpochs = 100, Patience = 100, LearningRate = 0.02f, Seed = 3 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedValue", "PredictedLabel"))
            .Fit(data);
        try
        {
            var scored = model.Transform(data);
            Assert.Equal(scored.Schema["Label"].Type, scored.Schema["PredictedLabel"].Type);
            var keyValues = default(VBuffer<float>);
            scored.Schema["PredictedLabel"].GetKeyValues(ref keyValues);
            Assert.Equal([30f, 10f, 20f], keyValues.DenseValues());
            Assert.Equal([3], ((VectorDataViewType)scored.Schema["Score"].Type).Dimensions.ToArray());
            var predicted = scored.GetColumn<float>("PredictedValue").ToList();
            var labelled = values.Zip(predicted).Where(p => p.First != 99f).ToList();
            Assert.True(labelled.Count(p => p.First == p.Second) >= 0.9 * labelled.Count, "the blobs are separable");
            var metrics = ml.MulticlassClassification.Evaluate(scored);
            Assert.Equal(labelled.Count(p => p.First == p.Second) / (double)labelled.Count, metrics.MicroAccuracy, 12);
        }
        finally
        {
            model.Dispose();
        }
    }

    [Fact]
    public void TextLabel_GivesTheClassificationHeadContract_WithAFlatScore()
    {
        var ml = new MLContext(1);
        var (features, classes) = Blobs(30);
        var labels = classes.Select(c => new[] { "cat", "ant", "bee" }[c]).ToList();
        var data = new TableDataView(labels.Count).AddVector("Features", features, new VectorDataViewType(NumberDataViewType.Single, 4)).AddText("Label", labels);
        var estimator = ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { HiddenLayers = [8], MaxEpochs = 100, Patience = 100, LearningRate = 0.02f, Seed = 3 });
        var shape = estimator.GetOutputSchema(TestData.ShapeOf(data.Schema));
        var model = estimator.Fit(data);
        try
        {
            var scored = model.Transform(data);
            foreach (var name in new[] { "Score", "PredictedLabel", "PredictedLabelKey" })
                Assert.Contains(shape, c => c.Name == name);
            Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
            Assert.Equal(["ant", "bee", "cat"], KeyValues(scored.Schema["PredictedLabelKey"]));
            Assert.Equal([3], ((VectorDataViewType)scored.Schema["Score"].Type).Dimensions.ToArray());
            Assert.True(labels.Zip(scored.GetColumn<string>("PredictedLabel")).Count(p => p.First == p.Second) >= 27);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static string[] KeyValues(DataViewSchema.Column column)
    {
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    /// <summary>Three separable blobs in 4-d: class c is shifted by 2 along axis c.</summary>
    private static (List<float[]> Features, List<int> Classes) Blobs(int rows)
    {
        var random = new Random(5);
        var classes = Enumerable.Range(0, rows).Select(i => i % 3).ToList();
        return (classes.Select(c => Enumerable.Range(0, 4).Select(j => (float)random.NextDouble() + (c == j ? 2f : 0f)).ToArray()).ToList(), classes);
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
