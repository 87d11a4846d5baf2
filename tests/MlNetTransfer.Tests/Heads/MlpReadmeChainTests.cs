using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

/// <summary>README's stock chain with the MLP in place of LbfgsMaximumEntropy, fitted once on real Fashion-MNIST images.</summary>
public sealed class ReadmeMlpChain : IDisposable
{
    public static readonly string[] Classes = ["bag", "sandal", "sneaker", "trouser"];

    public ReadmeMlpChain()
    {
        Train = Table(TestData.Images(TestData.FashionTrain, perClass: 8).Where(i => Classes.Contains(i.Label)).ToList());
        Test = Table(TestData.Images(TestData.FashionTest, perClass: 5).Where(i => Classes.Contains(i.Label)).ToList());
        Pipeline = Ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(Ml)
            .Append(Ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(Ml.MulticlassClassification.Trainers.Mlp(Ml, options: new MlpOptions { HiddenLayers = [32], MaxEpochs = 30, Seed = 3 }))
            .Append(Ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        Model = Pipeline.Fit(Train);
    }

    public MLContext Ml { get; } = new(1);

    public IDataView Train { get; }

    public IDataView Test { get; }

    public IEstimator<TransformerChain<KeyToValueMappingTransformer>> Pipeline { get; }

    public TransformerChain<KeyToValueMappingTransformer> Model { get; }

    /// <summary>The chain without its last step: what the MLP itself outputs, PredictedLabel still a key.</summary>
    public IDataView Keyed(IDataView data) => new TransformerChain<ITransformer>([.. Model.Take(Model.Count() - 1)]).Transform(data);

    public void Dispose() => Model.Dispose();

    private static IDataView Table(IReadOnlyList<(string Path, string Label)> images) =>
        new TableDataView(images.Count).AddText("ImagePath", images.Select(i => i.Path).ToList()).AddText("Label", images.Select(i => i.Label).ToList());
}

/// <summary>
/// The MLP is a drop-in ML.NET multiclass trainer: README's chain with <c>Mlp</c> in place of <c>LbfgsMaximumEntropy</c>
/// fits, its key <c>PredictedLabel</c> maps back to text, <c>Evaluate</c> reads it, and it saves and loads.
/// </summary>
public sealed class MlpReadmeChainTests(ReadmeMlpChain chain) : IClassFixture<ReadmeMlpChain>
{
    [Fact]
    public void ReadmeChain_WithMlp_IsADropInMulticlassTrainer_KeyPredictedLabelFlatScoreAndEvaluate()
    {
        var ml = chain.Ml;
        var k = ReadmeMlpChain.Classes.Length;
        Assert.Contains(chain.Pipeline.GetOutputSchema(TestData.ShapeOf(chain.Train.Schema)), c => c.Name == "PredictedLabel");

        // What the MLP outputs, as a stock multiclass trainer: PredictedLabel a key of the label's key type with its key values.
        var keyed = chain.Keyed(chain.Test);
        var label = keyed.Schema["Label"];
        var predictedKey = keyed.Schema["PredictedLabel"];
        Assert.Equal((ulong)k, Assert.IsType<KeyDataViewType>(predictedKey.Type).Count);
        Assert.Equal(label.Type, predictedKey.Type);
        Assert.Equal(KeyValues(label), KeyValues(predictedKey));
        Assert.Equal(ReadmeMlpChain.Classes, KeyValues(label)); // MapValueToKey: order of occurrence, the classes' folder order

        // Score: a flat vector of k floats, one probability per key value in key order.
        var scored = chain.Model.Transform(chain.Test);
        var scoreType = Assert.IsType<VectorDataViewType>(scored.Schema["Score"].Type);
        Assert.Equal(NumberDataViewType.Single, scoreType.ItemType);
        Assert.Equal([k], scoreType.Dimensions.ToArray());
        var scores = scored.GetColumn<float[]>("Score").ToList();
        Assert.All(scores, s => Assert.Equal(1.0, s.Sum(), 1e-5));

        // MapKeyToValue gives the label text; it is the most probable class.
        Assert.Equal(TextDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var predicted = scored.GetColumn<string>("PredictedLabel").ToList();
        var keys = keyed.GetColumn<uint>("PredictedLabel").ToList();
        Assert.Equal(keys.Select(key => ReadmeMlpChain.Classes[key - 1]), predicted);
        Assert.Equal(scores.Select(s => ReadmeMlpChain.Classes[Array.IndexOf(s, s.Max())]), predicted);

        // ML.NET's evaluator reads the output (default columns Label, Score, PredictedLabel) and agrees with a hand count.
        var truth = keyed.GetColumn<uint>("Label").ToList();
        var micro = truth.Zip(keys).Count(p => p.First == p.Second) / (double)truth.Count;
        var macro = truth.Distinct().Average(c => truth.Zip(keys).Where(p => p.First == c).Average(p => p.First == p.Second ? 1.0 : 0.0));
        foreach (var view in new[] { scored, keyed })
        {
            var metrics = ml.MulticlassClassification.Evaluate(view);
            Assert.Equal(micro, metrics.MicroAccuracy, 12);
            Assert.Equal(macro, metrics.MacroAccuracy, 12);
        }
        Assert.True(micro >= 0.7, $"test accuracy {micro} on 4 well-separated classes");
    }

    [Fact]
    public void ReadmeChain_WithMlp_SavedAndLoaded_PredictsTheSame()
    {
        var ml = chain.Ml;
        var before = chain.Model.Transform(chain.Test);
        using var stream = new MemoryStream();
        ml.Model.Save(chain.Model, chain.Train.Schema, stream);
        stream.Position = 0;
        var loaded = ml.Model.Load(stream, out var inputSchema);
        try
        {
            Assert.Equal(["ImagePath", "Label"], inputSchema.Select(c => c.Name));
            var after = loaded.Transform(chain.Test);
            Assert.Equal(before.Schema["Score"].Type, after.Schema["Score"].Type);
            Assert.Equal(before.GetColumn<string>("PredictedLabel"), after.GetColumn<string>("PredictedLabel"));
            Assert.Equal(before.GetColumn<float[]>("Score"), after.GetColumn<float[]>("Score"));
            Assert.Equal(ml.MulticlassClassification.Evaluate(before).MicroAccuracy, ml.MulticlassClassification.Evaluate(after).MicroAccuracy);
        }
        finally
        {
            ((IDisposable)loaded).Dispose();
        }
    }

    private static string[] KeyValues(DataViewSchema.Column column)
    {
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }
}
