using System.Globalization;
using SkiaSharp;

namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// <c>plot</c> as a process: a t-SNE map of the shipped Fashion-MNIST images coloured by class, a PCA map of the
/// penguins, a two-domain map of the SpamAssassin emails; the PNG beside its coordinates; bad options as user errors.
/// </summary>
public sealed class PlotCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<string[]> Rows(string csv) => File.ReadLines(csv).Skip(1).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Tsne_OfImages_WritesAPngAndOneCoordinateRowPerImage_ClassesKeepTogether()
    {
        var run = _dir.Run("plot", "--data", TestData.FashionTrain, "--out", _dir["map.png"], "--seed", "3", "--no-cache").Succeeded();
        Assert.Contains("Map of 300 points", run.Stdout);
        using (var picture = SKBitmap.Decode(_dir["map.png"]))
            Assert.True(picture is { Width: 1000, Height: 750 }, "map.png is not the 1000 x 750 map");
        Assert.Equal("path_or_row,label,x,y", File.ReadLines(_dir["map.csv"]).First());
        var rows = Rows(_dir["map.csv"]);
        Assert.Equal(300, rows.Count);
        Assert.Equal(10, rows.Select(r => r[1]).Distinct().Count());
        Assert.All(rows, r => Assert.True(File.Exists(r[0]), r[0]));
        // Neighbourhoods are kept: most points' nearest neighbour on the map has their class (chance: 0.1).
        var points = rows.Select(r => (Label: r[1], X: double.Parse(r[2], CultureInfo.InvariantCulture), Y: double.Parse(r[3], CultureInfo.InvariantCulture))).ToList();
        var agree = Enumerable.Range(0, points.Count).Count(i => Enumerable.Range(0, points.Count).Where(j => j != i)
            .MinBy(j => Math.Pow(points[j].X - points[i].X, 2) + Math.Pow(points[j].Y - points[i].Y, 2)) is var nearest && points[nearest].Label == points[i].Label);
        Assert.True(agree > 0.5 * points.Count, $"{agree} of 300 points have a nearest neighbour of their class");

        _dir.Run("plot", "--data", TestData.FashionTrain, "--out", _dir["again.png"], "--seed", "3", "--no-cache").Succeeded();
        Assert.Equal(File.ReadAllText(_dir["map.csv"]).Replace("map.png", ""), File.ReadAllText(_dir["again.csv"]).Replace("again.png", ""));
    }

    [Fact]
    public void Pca_OfACsv_AndTwoDomains_ColourByLabelOrDomain()
    {
        _dir.Run("plot", "--data", TestData.Penguins, "--label", "Species", "--method", "pca", "--out", _dir["penguins.png"]).Succeeded();
        var penguins = Rows(_dir["penguins.csv"]);
        Assert.Equal(344, penguins.Count);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], penguins.Select(r => r[1]).Distinct().Order());
        Assert.Equal("1", penguins[0][0]); // rows of a CSV are named by number

        var run = _dir.Run("plot", "--data", TestData.SpamTrain, "--target", TestData.SpamTest, "--out", _dir["domains.png"], "--no-cache").Succeeded();
        Assert.Contains("(source, target)", run.Stdout);
        Assert.Equal("path_or_row,label,x,y,domain", File.ReadLines(_dir["domains.csv"]).First());
        var domains = Rows(_dir["domains.csv"]).Select(r => r[^1]).ToList();
        Assert.Equal(200, domains.Count(d => d == "source")); // the shipped 200 training and 100 test emails
        Assert.Equal(100, domains.Count(d => d == "target"));
        Assert.True(File.Exists(_dir["domains.png"]));
    }

    [Theory]
    [InlineData("--out", "map.jpg", "--out must be a .png file")]
    [InlineData("--method", "umap", "unknown --method 'umap': expected tsne or pca")]
    [InlineData("--perplexity", "abc", "--perplexity: 'abc' is not a number (expected e.g. 30)")]
    [InlineData("--perplexity", "400", "perplexity (400) must be less than the number of rows (300)")]
    public void BadOptions_AreUserErrors_AndWriteNothing(string flag, string value, string expected)
    {
        string[] args = flag == "--out"
            ? ["plot", "--data", TestData.FashionTrain, "--out", _dir[value], "--no-cache"]
            : ["plot", "--data", TestData.FashionTrain, "--out", _dir["map.png"], flag, value, "--no-cache"];
        Assert.Contains(expected, _dir.Run(args).UserError());
        Assert.Empty(Directory.GetFiles(_dir.Path, "map.*"));
    }

    [Fact]
    public void OutputsNamedLikeAnInput_AreRefused_AndTheInputSurvives()
    {
        File.Copy(TestData.Penguins, _dir["penguins.csv"]);
        var before = File.ReadAllText(_dir["penguins.csv"]);
        Assert.Contains("over the data file", _dir.Run("plot", "--data", _dir["penguins.csv"], "--label", "Species", "--out", _dir["penguins.png"]).UserError());
        Assert.Contains("is the data file", _dir.Run("featurize", "--data", _dir["penguins.csv"], "--label", "Species", "--out", _dir["penguins.csv"]).UserError());
        Assert.Equal(before, File.ReadAllText(_dir["penguins.csv"]));
    }

    [Fact]
    public void EvaluatePlot_MustBeAPngThatIsNotAnInput_CheckedBeforeTheModelLoads()
    {
        File.WriteAllText(_dir["m.zip"], "not read: the plot is refused first");
        Assert.Contains("must be a .png file", _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", TestData.SpamTest, "--plot", _dir["cm.jpg"]).UserError());
        Assert.Contains("it is the metrics file", _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", TestData.SpamTest, "--plot", _dir["cm.png"], "--metrics-json", _dir["cm.png"]).UserError());
        Directory.CreateDirectory(_dir["fit-residuals.png"]);
        Assert.Contains("it is a folder", _dir.Run("evaluate", "--model", _dir["m.zip"], "--data", TestData.SpamTest, "--plot", _dir["fit.png"]).UserError());
        Assert.Equal("not read: the plot is refused first", File.ReadAllText(_dir["m.zip"]));
    }
}
