using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Featurizers;

public sealed class ImageEmbeddingParityTests
{
    private sealed record ImageRow(string ImagePath);

    [Fact]
    public void MergedResNet18_EqualsMlNetDnnFeaturizeImage()
    {
        var ml = new MLContext(seed: 1);
        var images = TestData.Images(TestData.FashionTest, perClass: 2).Select(i => new ImageRow(i.Path)).ToList();
        var data = ml.Data.LoadFromEnumerable(images);

        var stock = ml.Transforms.LoadImages("Image", null, "ImagePath")
            .Append(ml.Transforms.ResizeImages("Resized", 224, 224, "Image"))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Resized"))
            .Append(ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels"));
        var ours = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, "ImagePath");

        var expected = Embeddings(ml, stock.Fit(data).Transform(data));
        var actual = Embeddings(ml, ours.Fit(data).Transform(data));

        Assert.Equal(images.Count, actual.Count);
        var maxDiff = expected.Zip(actual).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
        Assert.True(maxDiff <= 1e-4, $"max abs diff {maxDiff}");
        Assert.All(actual, a => Assert.Equal(512, a.Length));
        Assert.Contains(actual, a => a.Any(v => v > 0.1f)); // real activations, not zeros
    }

    private static List<float[]> Embeddings(MLContext ml, IDataView view) =>
        view.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
}
