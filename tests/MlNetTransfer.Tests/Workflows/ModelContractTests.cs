using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

public sealed class ModelContractTests
{
    [Fact]
    public void AClassifierHead_GivesItsInputsOutputsAndLabelsInScoreOrder()
    {
        var ml = new MLContext(1);
        var random = new Random(5);
        var labels = Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? "cat" : i % 3 == 1 ? "ant" : "bee").ToList();
        var features = labels.Select(_ => Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        var data = new TableDataView(labels.Count).AddVector("Features", features, new VectorDataViewType(NumberDataViewType.Single, 4)).AddText("Label", labels);
        var model = ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { HiddenLayers = [4], MaxEpochs = 2, Seed = 3 }).Fit(data);
        try
        {
            var contract = ModelContract.Read(model, data.Schema);
            Assert.True(contract.IsClassifier);
            Assert.Empty(contract.MissingClassifierOutputs);
            Assert.Equal(["ant", "bee", "cat"], contract.Labels);
            Assert.False(contract.IsBinary);
            Assert.Equal(["Features", "Label"], contract.InputSchema.Select(c => c.Name));
            foreach (var name in new[] { ClassificationHead.PredictedLabel, ClassificationHead.Score, ClassificationHead.PredictedLabelKey })
                Assert.Contains(contract.Outputs, c => c.Name == name);
            Assert.DoesNotContain(contract.Outputs, c => c.IsHidden);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void AnotherPipeline_NamesTheMissingClassifierOutputs_AndHasNoLabels()
    {
        var ml = new MLContext(1);
        var data = new TableDataView(2).AddText("Text", ["a", "b"]);
        var contract = ModelContract.Read(ml.Transforms.CopyColumns("Copy", "Text").Fit(data), data.Schema);
        Assert.False(contract.IsClassifier);
        Assert.Equal([ClassificationHead.PredictedLabel, ClassificationHead.Score], contract.MissingClassifierOutputs);
        Assert.Null(contract.Labels);
        Assert.False(contract.IsBinary);
        Assert.Equal(["Text", "Copy"], contract.Outputs.Select(c => c.Name));
    }
}
