using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Featurizers;

/// <summary>Estimator contract checks in the spirit of ML.NET's TestEstimatorCore, on real images and the real backbone.</summary>
public sealed class ImageEmbeddingEstimatorContractTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static TableDataView Images(int perClass) =>
        new TableDataView(TestData.Images(TestData.FashionTest, perClass).Count)
            .AddText("ImagePath", TestData.Images(TestData.FashionTest, perClass).Select(i => i.Path).ToList());

    private static IEstimator<ITransformer> Estimator(string input = "ImagePath") =>
        Ml.Transforms.ExtractImageEmbeddings("Embedding", BuiltInBackbones.ResNet18, input);

    [Fact]
    public void SchemaPropagated_EqualsSchemaProduced()
    {
        var data = Images(perClass: 1);
        var shape = Estimator().GetOutputSchema(TestData.ShapeOf(data.Schema));
        using var transformer = (IDisposable)Estimator().Fit(data);
        var produced = ((ITransformer)transformer).Transform(data).Schema;

        var propagated = shape.Single(c => c.Name == "Embedding");
        var column = produced["Embedding"];
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, propagated.Kind);
        Assert.Equal(NumberDataViewType.Single, propagated.ItemType);
        Assert.Equal(512, ((VectorDataViewType)column.Type).Size);
        Assert.Equal(shape.Where(c => !c.Name.Contains('.')).Select(c => c.Name).Order(), produced.Where(c => !c.IsHidden).Select(c => c.Name).Order());
        Assert.DoesNotContain(produced, c => !c.IsHidden && c.Name.Contains(".resnet18.")); // intermediates dropped
    }

    [Fact]
    public void Output_IsAFlatVectorOfTheEmbeddingSize_BeforeAndAfterSaveLoad()
    {
        var data = Images(perClass: 1);
        var fitted = Estimator().Fit(data);
        using var stream = new MemoryStream();
        try
        {
            var type = Assert.IsType<VectorDataViewType>(fitted.Transform(data).Schema["Embedding"].Type);
            Assert.Equal(NumberDataViewType.Single, type.ItemType);
            Assert.Equal([BuiltInBackbones.ResNet18.EmbeddingSize], type.Dimensions.ToArray());
            Assert.Equal([512], type.Dimensions.ToArray());
            Ml.Model.Save(fitted, data.Schema, stream);
        }
        finally
        {
            ((IDisposable)fitted).Dispose();
        }
        stream.Position = 0;
        var loaded = Ml.Model.Load(stream, out _);
        try
        {
            Assert.Equal([512], ((VectorDataViewType)loaded.Transform(data).Schema["Embedding"].Type).Dimensions.ToArray());
        }
        finally
        {
            ((IDisposable)loaded).Dispose();
        }
    }

    [Fact]
    public void MissingColumn_FailsInGetOutputSchemaAndFit_NamingTheColumn()
    {
        var data = Images(perClass: 1);
        var schemaError = Assert.ThrowsAny<Exception>(() => Estimator("Photo").GetOutputSchema(TestData.ShapeOf(data.Schema)));
        var fitError = Assert.ThrowsAny<Exception>(() => Estimator("Photo").Fit(data));
        Assert.Contains("Could not find input column 'Photo'", schemaError.Message);
        Assert.Contains("Could not find input column 'Photo'", fitError.Message);
    }

    [Fact]
    public void MistypedColumn_FailsInGetOutputSchemaAndFit_NamingTheColumn()
    {
        var data = new TableDataView(2).AddSingle("ImagePath", [1f, 2f]);
        var schemaError = Assert.ThrowsAny<Exception>(() => Estimator().GetOutputSchema(TestData.ShapeOf(data.Schema)));
        var fitError = Assert.ThrowsAny<Exception>(() => Estimator().Fit(data));
        Assert.Contains("'ImagePath'", schemaError.Message);
        Assert.Contains("'ImagePath'", fitError.Message);
        Assert.Contains("Schema mismatch", fitError.Message);
    }

    [Fact]
    public void SaveLoad_GivesIdenticalEmbeddings()
    {
        var data = Images(perClass: 1);
        var fitted = Estimator().Fit(data);
        var before = Embeddings(fitted.Transform(data));
        using var stream = new MemoryStream();
        Ml.Model.Save(fitted, data.Schema, stream);
        ((IDisposable)fitted).Dispose();
        stream.Position = 0;
        var loaded = Ml.Model.Load(stream, out var schema);
        try
        {
            Assert.Equal("ImagePath", Assert.Single(schema).Name);
            Assert.Equal(before, Embeddings(loaded.Transform(data)));
        }
        finally
        {
            ((IDisposable)loaded).Dispose();
        }
    }

    private static List<float[]> Embeddings(IDataView view) =>
        view.GetColumn<VBuffer<float>>("Embedding").Select(v => v.DenseValues().ToArray()).ToList();
}
