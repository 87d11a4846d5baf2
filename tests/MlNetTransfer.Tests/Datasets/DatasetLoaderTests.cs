using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Datasets;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string text)
    {
        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private string Image(string name)
    {
        var source = TestData.Images(TestData.FashionTest, 1)[0].Path;
        var path = Path.Combine(_dir, name);
        File.Copy(source, path);
        return path;
    }

    [Fact]
    public void ClassFolders_GiveAbsolutePathsAndFolderLabels()
    {
        var d = DatasetLoader.Load(TestData.FashionTest);
        Assert.Equal(100, d.Count);
        Assert.Equal(10, d.DistinctLabels.Count);
        Assert.All(d.Ids, id => Assert.True(Path.IsPathRooted(id) && File.Exists(id)));
        Assert.Equal("ankle-boot", d.Labels![0]);
        Assert.Equal(Dataset.ImagePathColumn, Assert.Single(d.Columns).Name);
    }

    [Fact]
    public void Csv_DetectsRoles_ResolvesRelativeImages_AndParsesQuotedText()
    {
        Image("a.png");
        var d = DatasetLoader.Load(Csv("photo,caption,size,Label\na.png,\"red, wide\",1.5,x\na.png,plain,,y\n"));
        Assert.Equal(["x", "y"], d.Labels);
        Assert.Equal(["1", "2"], d.Ids);
        Assert.Equal(ColumnRole.Image, d.Columns[0].Role);
        Assert.Equal(Path.Combine(_dir, "a.png"), d.Columns[0].Values[0]);
        Assert.Equal(ColumnRole.Text, d.Columns[1].Role);
        Assert.Equal("red, wide", d.Columns[1].Values[0]);
        Assert.Equal(ColumnRole.Numeric, d.Columns[2].Role);
        Assert.Equal(1.5f, d.Columns[2].Numbers![0]);
        Assert.True(float.IsNaN(d.Columns[2].Numbers![1]));
    }

    [Fact]
    public void Csv_MissingImage_NamesFileRowAndColumn()
    {
        var csv = Csv("photo,label\nnope.png,x\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv));
        Assert.Equal($"'{csv}' row 1, column 'photo': image file '{Path.Combine(_dir, "nope.png")}' does not exist.", e.Message);
    }

    [Fact]
    public void Csv_NonNumberInNumericColumn_NamesRowColumnAndValue()
    {
        var csv = Csv("size,label\n1,x\nbig,y\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { NumericColumns = ["size"] }));
        Assert.Equal($"'{csv}' row 2, column 'size': expected a number, found 'big'.", e.Message);
    }

    [Fact]
    public void Csv_WithoutLabelColumn_SaysHowToNameIt()
    {
        var csv = Csv("size,kind\n1,x\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv));
        Assert.Equal($"'{csv}' has no column named 'label': name the label column with --label. Columns: size, kind.", e.Message);
    }

    [Fact]
    public void Csv_RaggedRow_IsReported()
    {
        var csv = Csv("a,label\n1,x\n2\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv));
        Assert.Equal($"'{csv}' row 2: expected 2 fields as in the header, found 1.", e.Message);
    }

    [Fact]
    public void Split_IsStratified_Disjoint_AndSeeded()
    {
        var d = DatasetLoader.Load(TestData.FashionTrain);
        var (train, test) = d.Split(0.2, seed: 7);
        var (train2, test2) = d.Split(0.2, seed: 7);
        Assert.Equal(240, train.Count);
        Assert.Equal(60, test.Count);
        Assert.All(test.Labels!.GroupBy(l => l), g => Assert.Equal(6, g.Count()));
        Assert.Empty(train.Ids.Intersect(test.Ids));
        Assert.Equal(test.Ids, test2.Ids);
        Assert.NotEqual(test.Ids, d.Split(0.2, seed: 8).Test.Ids);
    }
}
