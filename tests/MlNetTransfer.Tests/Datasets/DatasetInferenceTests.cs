using System.Globalization;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Datasets;

/// <summary>
/// What the loader decides on its own ("Reliability, part two"): column roles (id-like columns ignored, leaking columns
/// left out, every role reported), files of class folders that are not images, ambiguous or useless labels, separators,
/// decimal commas and Windows paths.
/// </summary>
public sealed class DatasetInferenceTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Image(string relative)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.Copy(TestData.Images(TestData.FashionTest, 1)[0].Path, path);
        return path;
    }

    /// <summary>12 rows: n (1..12), code (row-01…), name (distinct words), size (distinct decimals), kind (a/b repeated), label.</summary>
    private string Table() => File("t.csv", string.Join('\n', [
        "n,code,name,size,kind,label",
        .. Enumerable.Range(1, 12).Select(i =>
            $"{i},row-{i:00},{(char)('a' + i)}lpha,{(i * 1.25).ToString(CultureInfo.InvariantCulture)},{(i % 3 == 0 ? "x" : "y")},{(i % 2 == 0 ? "even" : "odd")}"),
    ]) + "\n");

    // Item 0: roles

    [Fact]
    public void SpamCsv_WithoutColumnOptions_IgnoresTheId_LeavesTheLeakingGroupOut_AndReportsEveryRole()
    {
        var d = DatasetLoader.Load(TestData.SpamTrain);
        var text = Assert.Single(d.Columns);
        Assert.Equal(("text", ColumnRole.Text), (text.Name, text.Role));
        var note = Assert.Single(d.Notes);
        Assert.Contains("id: ignored, id-like (a different value in every row, like 'easy-ham-1/", note);
        Assert.Contains("group: left out, a likely leak (each of its 2 values always comes with the same label: 'easy-ham-1' -> ham, 'spam-1' -> spam", note);
        Assert.Contains("label: the label", note);
        Assert.Contains("text: text (detected)", note);
    }

    [Fact]
    public void IdLikeRule_IntegersAndDigitTokensDifferentInEveryRow_AreIgnored_WordsAndDecimalsAndRepeatsAreNot()
    {
        var d = DatasetLoader.Load(Table());
        Assert.Equal(["name", "size", "kind"], d.Columns.Select(c => c.Name));
        Assert.Equal([ColumnRole.Text, ColumnRole.Numeric, ColumnRole.Categorical], d.Columns.Select(c => c.Role)); // kind: x/y, categorical
        Assert.Contains("n: ignored, id-like (a different integer in every row)", d.Notes[0]);
        Assert.Contains("code: ignored, id-like (a different value in every row, like 'row-01')", d.Notes[0]);
    }

    [Fact]
    public void FewerThanTenRows_InferNothing()
    {
        var d = DatasetLoader.Load(File("t.csv", "n,kind,label\n1,x,a\n2,x,a\n3,y,b\n4,y,b\n"));
        Assert.Equal(["n", "kind"], d.Columns.Select(c => c.Name));
    }

    [Fact]
    public void LeakingColumn_NamedExplicitly_IsKept()
    {
        var d = DatasetLoader.Load(TestData.SpamTrain, new DatasetOptions { TextColumns = ["text", "group"] });
        Assert.Equal(["group", "text"], d.Columns.Select(c => c.Name));
        Assert.Contains("id: ignored (not named; only the named columns are used)", d.Notes[0]);
        Assert.Contains("group: text (named)", d.Notes[0]);
    }

    [Fact]
    public void IgnoreColumns_DropsTheColumn_OthersStillDetected()
    {
        var d = DatasetLoader.Load(Table(), new DatasetOptions { IgnoreColumns = ["kind"] });
        Assert.Equal(["name", "size"], d.Columns.Select(c => c.Name));
        Assert.Contains("kind: ignored (--ignore-column)", d.Notes[0]);
    }

    [Fact]
    public void IgnoreColumns_MisspelledOrTheLabel_AreUserErrors()
    {
        var csv = Table();
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { IgnoreColumns = ["knid"] }));
        Assert.Equal($"'{csv}' has no column 'knid'. Did you mean 'kind'? Columns: n, code, name, size, kind, label.", e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { IgnoreColumns = ["label"] }));
        Assert.Contains("column 'label' is the label and cannot be ignored", e.Message);
    }

    [Fact]
    public void EveryColumnLeftOut_SaysWhichAndHowToNameColumns()
    {
        var csv = Table();
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { IgnoreColumns = ["name", "size", "kind"] }));
        Assert.Equal($"'{csv}' has no feature columns besides the label: left out n (id-like), code (id-like). " +
            "To use a column, name the columns to use with --text-column, --numeric-column or --image-column.", e.Message);
    }

    // Item 8: files that are not images

    [Fact]
    public void ClassFolder_WithOnlyTifFiles_IsAUserErrorNamingIt()
    {
        Image("data/cat/1.png");
        Image("data/dog/1.png");
        File("data/bird/1.tif", "x");
        File("data/bird/2.TIF", "x");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Path.Combine(_dir, "data")));
        Assert.Equal($"Class folder '{Path.Combine(_dir, "data", "bird")}' has no usable image: its 2 files (2 .tif) are not images this tool reads; " +
            "expected *.png|jpg|jpeg|bmp|gif|webp. Convert its images or remove the folder.", e.Message);
    }

    [Fact]
    public void FilesThatAreNotImages_AreCountedPerExtensionInTheNotes()
    {
        Image("data/cat/1.png");
        Image("data/cat/2.png");
        Image("data/dog/1.png");
        File("data/dog/2.tif", "x");
        File("data/dog/notes.txt", "x");
        File("data/dog/3.tif", "x");
        var d = DatasetLoader.Load(Path.Combine(_dir, "data"));
        Assert.Equal(3, d.Count);
        Assert.Equal($"'{Path.Combine(_dir, "data")}': 3 files (2 .tif, 1 .txt) ignored, not images this tool reads (*.png|jpg|jpeg|bmp|gif|webp); for example '{Path.Combine("dog", "2.tif")}'",
            Assert.Single(d.Notes));
    }

    [Fact]
    public void TrainingFolder_WithOneImagePerClass_IsRefused()
    {
        Image("data/cat/1.png");
        Image("data/dog/1.png");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Path.Combine(_dir, "data"), new DatasetOptions { IsTrainingData = true }));
        Assert.Contains("has one image per class folder (2 folders)", e.Message);
        Assert.Equal(2, DatasetLoader.Load(Path.Combine(_dir, "data")).Count); // as test data it is fine
    }

    // Item 9: labels

    [Fact]
    public void TwoLabelColumnsDifferingInCase_AreRefused_SayingToPassLabel()
    {
        var csv = File("t.csv", "Label,label,text\na,x,hello\nb,y,bye\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv));
        Assert.Equal($"'{csv}' has 2 columns that could be the label ('Label', 'label'): pass --label <exact name> to say which.", e.Message);
        Assert.Equal(["a", "b"], DatasetLoader.Load(csv, new DatasetOptions { LabelColumn = "Label" }).Labels);
    }

    [Fact]
    public void TrainingLabels_DifferentInEveryRow_AreRefused_SayingWhatALabelColumnIs()
    {
        var csv = File("t.csv", "text,label\nhello,1\nbye,2\nhi,3\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { IsTrainingData = true }));
        Assert.Equal($"'{csv}': the label column 'label' has a different value in every row (3 rows), so every row would be its own class. " +
            "Pass --label <exact name> for the column that holds the classes: a label column has repeated values.", e.Message);
        Assert.Equal(3, DatasetLoader.Load(csv).Count); // evaluation data may have one row per label
    }

    // Item 10: separators, decimal commas, Windows paths

    [Theory]
    [InlineData("t.csv", ";")]
    [InlineData("t.csv", "\t")]
    [InlineData("t.tsv", "\t")]
    [InlineData("t.csv", ",")]
    public void Separator_IsDetectedFromTheHeader_AndTsvIsAccepted(string name, string separator)
    {
        var csv = File(name, string.Join('\n', "text|size|label", "\"a, b; c\"|2|x", "d e|3|y").Replace("|", separator) + "\n");
        var d = DatasetLoader.Load(csv);
        Assert.Equal(["text", "size"], d.Columns.Select(c => c.Name));
        Assert.Equal("a, b; c", d.Columns[0].Values[0]);
        Assert.Equal([2f, 3f], d.Columns[1].Numbers);
        Assert.Equal(["x", "y"], d.Labels);
    }

    [Fact]
    public void Separator_Given_IsUsed()
    {
        var csv = File("t.csv", "text|label\na,b|x\nc|y\n");
        var d = DatasetLoader.Load(csv, new DatasetOptions { Separator = '|' });
        Assert.Equal(["a,b", "c"], d.Columns.Single().Values);
    }

    [Fact]
    public void DecimalCommaNumbers_InASemicolonFile_AreNumbers()
    {
        var d = DatasetLoader.Load(File("t.csv", "weight;label\n1,84;a\n2;b\n-0,5;a\n"));
        var weight = Assert.Single(d.Columns);
        Assert.Equal(ColumnRole.Numeric, weight.Role);
        Assert.Equal([1.84f, 2f, -0.5f], weight.Numbers);
        Assert.Contains("weight: numeric (detected, decimal commas)", d.Notes[0]);
        Assert.Contains("(semicolon-separated)", d.Notes[0]);
    }

    [Fact]
    public void DecimalCommaNumbers_InACommaFile_StayText_WithAHint_AndNamingThemNumericSaysWhy()
    {
        var csv = File("t.csv", "weight,label\n\"1,84\",a\n\"2,5\",b\n");
        var d = DatasetLoader.Load(csv);
        Assert.Equal(ColumnRole.Text, d.Columns.Single().Role);
        Assert.Contains("weight: text (detected; its values look like numbers with a decimal comma ('1,84'): in a comma-separated file write them with a '.' to use them as numbers)", d.Notes[0]);
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv, new DatasetOptions { NumericColumns = ["weight"] }));
        Assert.Equal($"'{csv}' row 1, column 'weight': expected a number, found '1,84' (a decimal comma: in a comma-separated file write '1.84').", e.Message);
    }

    [Fact]
    public void WindowsBackslashPath_IsReadWithSlashes_WhenOnlyThatFileExists()
    {
        if (OperatingSystem.IsWindows()) return;
        var image = Image("imgs/a.png");
        var d = DatasetLoader.Load(File("t.csv", "photo,label\nimgs\\a.png,x\n"));
        Assert.Equal(image, d.Columns.Single().Values[0]);

        var csv = File("u.csv", "photo,label\nimgs\\b.png,x\n");
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(csv));
        Assert.Equal($"'{csv}' row 1, column 'photo': image file '{Path.Combine(_dir, "imgs\\b.png")}' does not exist " +
            $"(nor does '{Path.Combine(_dir, "imgs", "b.png")}', reading its '\\' as '/').", e.Message);
    }
}
