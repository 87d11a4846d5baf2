using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Series;

/// <summary>
/// <c>--series-column</c> in the loader: a series per cell or a group of numeric columns (a list in the given order, or a
/// prefix in file order), roles reported, and every bad cell an error naming its file, row and column.
/// </summary>
public sealed class SeriesDatasetTests
{
    private static Dataset Load(string csv, params string[] series)
    {
        var dir = TestData.TempDir();
        var path = Path.Combine(dir, "data.csv");
        File.WriteAllText(path, csv);
        try
        {
            return DatasetLoader.Load(path, new DatasetOptions { SeriesColumns = series });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ASeriesPerCell_IsASeriesColumn_AndOnlyNamedColumnsAreUsed()
    {
        var data = Load("x,s,label\n1,\"0.5;1;2\",a\n2,3 4 5 6,b\n", "s");
        var column = Assert.Single(data.Columns);
        Assert.Equal(("s", ColumnRole.Series, (string?)null), (column.Name, column.Role, column.Group));
        Assert.Null(column.Numbers);
        Assert.Contains("s: series (named)", data.Notes[0]);
    }

    [Fact]
    public void AListGroup_KeepsTheGivenOrder_AndAPrefixGroup_TheFileOrder()
    {
        var csv = "t2,t1,label,t3,h\n1,2,a,3,9\n4,5,b,6,9\n";
        var list = Load(csv, "t1, t2,t3");
        Assert.Equal(["t1", "t2", "t3"], list.Columns.Select(c => c.Name));
        Assert.All(list.Columns, c => Assert.Equal("t1, t2,t3", c.Group));
        Assert.Equal([2f, 5f], list.Columns[0].Numbers!);
        var prefix = Load(csv, "t*");
        Assert.Equal(["t2", "t1", "t3"], prefix.Columns.Select(c => c.Name));
        Assert.Contains("t1: series (named: value 2 of series 't*')", prefix.Notes[0]);
    }

    [Theory]
    [InlineData("s,label\n1;2,a\n,b\n", "s", "row 2, column 's': the series is empty")]
    [InlineData("s,label\n1;2,a\n1;x,b\n", "s", "row 2, column 's': value 2 of the series is 'x', not a number.")]
    [InlineData("s,label\n1;2,a\n1;;2,b\n", "s", "row 2, column 's': value 2 of the series is empty")]
    [InlineData("a,b,label\n1,2,x\n3,,y\n", "a,b", "row 2, column 'b': the cell is empty, but it is a value of the series 'a,b', which needs a number in every column.")]
    [InlineData("a,b,label\n1,2,x\n3,NaN,y\n", "a,b", "row 2, column 'b': the cell is NaN")]
    [InlineData("a,b,label\n1,2,x\n3,q,y\n", "a,b", "row 2, column 'b': expected a number, found 'q'.")]
    [InlineData("a,b,label\n1,2,x\n", "a,c", "has no column 'c' (in the series 'a,c').")]
    [InlineData("a,b,label\n1,2,x\n", "z*", "has no column starting with 'z' for the series 'z*'.")]
    [InlineData("a,b,label\n1,2,x\n", "c", "has no column 'c'.")]
    [InlineData("a,b,label\n1,2,x\n", "a,label", "column 'label' is the label and cannot be part of the series 'a,label'.")]
    public void BadSeries_NameTheRowAndColumn(string csv, string series, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => Load(csv, series));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AColumnInTwoSeries_OrTwoRoles_IsRefused()
    {
        var e = Assert.Throws<UserInputException>(() => Load("a,b,label\n1,2,x\n", "a,b", "b*"));
        Assert.Contains("column 'b' is named in two series", e.Message);
        var dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "d.csv"), "a,b,label\n1,2,x\n");
        e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Path.Combine(dir, "d.csv"), new DatasetOptions { SeriesColumns = ["a,b"], NumericColumns = ["a"] }));
        Assert.Contains("column 'a' is named as both numeric and series", e.Message);
        Directory.Delete(dir, recursive: true);
    }
}
