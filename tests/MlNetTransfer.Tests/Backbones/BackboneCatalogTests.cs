using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Backbones;

public sealed class BackboneCatalogTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BuiltInResNet18_IsListedWithItsManifest()
    {
        var resnet = Assert.Single(BackboneCatalog.Default.List(), m => m.Name == "resnet18");
        Assert.Equal(512, resnet.EmbeddingSize);
        Assert.True(File.Exists(resnet.ModelPath));
        Assert.Equal(resnet.Sha256, BackboneMaterializer.Sha256(resnet.ModelPath));
    }

    [Fact]
    public void UserModel_WithManifestNextToIt_IsResolvedByPath_AndEmbedsLikeTheBuiltIn()
    {
        var builtIn = BuiltInBackbones.ResNet18;
        var onnx = Path.Combine(_dir, "mine.onnx");
        File.CreateSymbolicLink(onnx, builtIn.ModelPath);
        File.WriteAllText(Path.Combine(_dir, "mine.json"),
            BackboneManifest.Template("mine", "mine.onnx", builtIn.Input, builtIn.Output, 512, 224, 224));

        var mine = BackboneCatalog.Default.Resolve(onnx);
        Assert.Equal("mine", mine.Name);
        Assert.Equal(onnx, mine.ModelPath);

        var ml = new MLContext(1);
        var paths = TestData.Images(TestData.FashionTest, 1).Take(2).Select(i => i.Path).ToList();
        var data = new TableDataView(paths.Count).AddText("ImagePath", paths);
        float[][] Embed(BackboneManifest b)
        {
            using var t = (IDisposable)ml.Transforms.ExtractImageEmbeddings("E", b, "ImagePath").Fit(data);
            return ((ITransformer)t).Transform(data).GetColumn<VBuffer<float>>("E").Select(v => v.DenseValues().ToArray()).ToArray();
        }
        Assert.Equal(Embed(builtIn), Embed(mine));
    }

    [Fact]
    public void UserModel_WithoutManifest_SaysWhatToWrite()
    {
        var onnx = Path.Combine(_dir, "lonely.onnx");
        File.WriteAllBytes(onnx, [1, 2, 3]);
        var e = Assert.Throws<UserInputException>(() => BackboneCatalog.Default.Resolve(onnx));
        Assert.StartsWith($"Backbone '{onnx}' has no manifest: write '{Path.Combine(_dir, "lonely.json")}' naming its input and output tensors", e.Message);
        Assert.Contains("mlnet-transfer inspect", e.Message);
    }

    [Fact]
    public void InvalidManifest_ListsEveryProblem()
    {
        var json = Path.Combine(_dir, "bad.json");
        File.WriteAllText(json, """{ "name": "bad", "file": "bad.onnx", "embeddingSize": 0, "image": { "width": 0, "height": 224, "channelOrder": "grb" } }""");
        var e = Assert.Throws<UserInputException>(() => BackboneManifest.Load(json));
        Assert.Equal($"Backbone manifest '{json}' is invalid: \"input\" (the input tensor name) is required; \"output\" (the output tensor name) is required; " +
            "\"embeddingSize\" must be positive (got 0); image.width and image.height must be positive (got 0x224); image.channelOrder must be \"rgb\" or \"bgr\" (got \"grb\").", e.Message);
    }

    [Fact]
    public void UnknownName_ListsTheKnownBackbones()
    {
        var e = Assert.Throws<UserInputException>(() => BackboneCatalog.Default.Resolve("nosuch"));
        Assert.StartsWith("Unknown backbone 'nosuch'. Known backbones: arctic-xs, minilm, resnet18, resnet18-int8.", e.Message);
    }
}
