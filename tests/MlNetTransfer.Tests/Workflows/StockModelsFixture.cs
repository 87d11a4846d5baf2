using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>An app's input row: one image path.</summary>
public sealed class ImageInput
{
    public string ImagePath = "";
}

/// <summary>An app's input row for a model whose image column is called Photo.</summary>
public sealed class PhotoInput
{
    public string Photo = "";
}

/// <summary>A training row of a stock multiclass image pipeline, as README's snippet has it.</summary>
public sealed class LabelledImage
{
    public string ImagePath = "";

    public string Label = "";
}

/// <summary>A training row of a stock binary image pipeline whose image column is not called ImagePath.</summary>
public sealed class BinaryImage
{
    public string Photo = "";

    public bool Label;
}

/// <summary>An app's output row for a multiclass stock chain that ends in MapKeyToValue.</summary>
public sealed class LabelPrediction
{
    public string PredictedLabel = "";

    public float[] Score = [];
}

/// <summary>An app's output row for a stock binary trainer.</summary>
public sealed class BinaryPrediction
{
    public bool PredictedLabel;

    public float Probability;
}

/// <summary>
/// Zips built the way an ML.NET user builds them, with stock steps only, on 24 shipped Fashion-MNIST images (3 classes x 8):
/// <list type="bullet">
/// <item><see cref="StockZip"/>: README's chain <c>ExtractImageEmbeddings -&gt; MapValueToKey("Label") -&gt; LbfgsMaximumEntropy -&gt;
/// MapKeyToValue("PredictedLabel")</c> saved as README's snippet saves it, with the training data's schema: its inputs
/// are ImagePath and Label, and its MapValueToKey step needs a Label column to exist although no prediction reads it;</item>
/// <item><see cref="ImagePathOnlyZip"/>: the same fitted steps without MapValueToKey, saved with input ImagePath only;</item>
/// <item><see cref="KeyLabelZip"/>: the same chain without its final MapKeyToValue (PredictedLabel a key);</item>
/// <item><see cref="BinaryZip"/> / <see cref="BinaryWithLabelInputZip"/>: <c>ExtractImageEmbeddings(inputColumnName: "Photo") -&gt; LbfgsLogisticRegression</c>
/// on a Boolean label (PredictedLabel Boolean, Score scalar, Probability), saved with input Photo only / with Photo and Label.</item>
/// </list>
/// </summary>
public sealed class StockModelsFixture : IDisposable
{
    public static readonly string[] Classes = ["bag", "sandal", "trouser"];

    public StockModelsFixture()
    {
        Dir = TestData.TempDir();
        var ml = new MLContext(0);
        var training = TestData.Images(TestData.FashionTrain, 8).Where(i => Classes.Contains(i.Label)).ToList();
        TestImages = TestData.Images(TestData.FashionTest, 2).Select(i => i.Path).ToList();

        var data = ml.Data.LoadFromEnumerable(training.Select(i => new LabelledImage { ImagePath = i.Path, Label = i.Label }).ToList());
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using (var model = pipeline.Fit(data))
        {
            StockZip = Save(ml, model, data.Schema, "stock.zip");
            var steps = model.ToArray();
            Assert.Single(steps, s => s is ValueToKeyMappingTransformer);
            ImagePathOnlyZip = Save(ml, new TransformerChain<ITransformer>([.. steps.Where(s => s is not ValueToKeyMappingTransformer)]),
                ml.Data.LoadFromEnumerable(new[] { new ImageInput() }).Schema, "image-path-only.zip");
            KeyLabelZip = Save(ml, new TransformerChain<ITransformer>(steps[..^1]), data.Schema, "key-label.zip");
        }

        var binaryData = ml.Data.LoadFromEnumerable(training.Where(i => i.Label is "bag" or "sandal")
            .Select(i => new BinaryImage { Photo = i.Path, Label = i.Label == "bag" }).ToList());
        var binaryPipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "Photo")
            .AppendCacheCheckpoint(ml)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression());
        using (var binary = binaryPipeline.Fit(binaryData))
        {
            BinaryZip = Save(ml, binary, ml.Data.LoadFromEnumerable(new[] { new PhotoInput() }).Schema, "binary.zip");
            BinaryWithLabelInputZip = Save(ml, binary, binaryData.Schema, "binary-with-label-input.zip");
        }
    }

    public string Dir { get; }

    /// <summary>Two test images of each of the ten classes (seven classes the models never saw: any image gets a prediction).</summary>
    public IReadOnlyList<string> TestImages { get; }

    public string StockZip { get; }

    public string ImagePathOnlyZip { get; }

    public string KeyLabelZip { get; }

    public string BinaryZip { get; }

    public string BinaryWithLabelInputZip { get; }

    private string Save(MLContext ml, ITransformer model, DataViewSchema schema, string name)
    {
        var path = Path.Combine(Dir, name);
        ml.Model.Save(model, schema, path);
        return path;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
