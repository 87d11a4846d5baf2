using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
using Onnx;

namespace MlNetTransfer.Tests.Featurizers;

/// <summary>
/// A backbone exported with dynamic height and width (<c>[N,3,H,W]</c>, as torchvision and tf2onnx export with dynamic
/// axes) works: ML.NET's <c>ApplyOnnxModel</c> allows one unknown dimension, so the manifest's size fixes H and W.
/// </summary>
public sealed class SymbolicImageShapeTests
{
    private sealed record ImageRow(string ImagePath);

    [Fact]
    public void BackboneWithSymbolicHeightAndWidth_EmbedsAsTheFixedShapeOne()
    {
        var dir = TestData.TempDir();
        try
        {
            var resnet = BuiltInBackbones.ResNet18;
            var model = OnnxGraphs.Read(resnet.ModelPath);
            var dims = model.Graph.Input.Single(i => i.Name == resnet.Input).Type.TensorType.Shape.Dim;
            dims[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
            dims[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
            var onnx = Path.Combine(dir, "dynamic.onnx");
            OnnxGraphs.Write(model, onnx);
            Assert.Equal(["batch", "3", "height", "width"], OnnxGraphs.Inputs(OnnxGraphs.Read(onnx)).Single().Shape);
            var dynamic = resnet with { Name = "dynamic", File = "dynamic.onnx", ManifestPath = Path.Combine(dir, "dynamic.json"), Build = null };

            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(TestData.Images(TestData.FashionTest, perClass: 1).Select(i => new ImageRow(i.Path)).ToList());
            var expected = Embeddings(ml.Transforms.ExtractImageEmbeddings("F", resnet, "ImagePath").Fit(data).Transform(data));
            var actual = Embeddings(ml.Transforms.ExtractImageEmbeddings("F", dynamic, "ImagePath").Fit(data).Transform(data));

            Assert.Equal(expected.Count, actual.Count);
            var maxDiff = expected.Zip(actual).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
            Assert.True(maxDiff <= 1e-5, $"max abs diff {maxDiff}");
            Assert.Null(ImageEmbeddingCatalog.FixedInputShape(resnet)); // a fixed-size model keeps ML.NET's own handling
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<float[]> Embeddings(IDataView view) =>
        view.GetColumn<VBuffer<float>>("F").Select(v => v.DenseValues().ToArray()).ToList();
}
