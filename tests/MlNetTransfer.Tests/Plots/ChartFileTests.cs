using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Charts;
using MlNetTransfer.Plots;
using SkiaSharp;

namespace MlNetTransfer.Tests.Plots;

/// <summary>
/// Charts drawn by the ScottPlot plugin (SkiaSharp 3, its own load context) in the same process as ML.NET's image steps
/// (SkiaSharp 2.88): real PNGs of the asked size, with text, and the image steps still work afterwards.
/// </summary>
public sealed class ChartFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnet-transfer-charts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Chart[] Kinds =
    [
        new ScatterChart("scatter", "x", "y", [new PointGroup("a", [0, 1, 2], [0, 1, 4]), new PointGroup("b", [0, 1], [3, 2])])
            { Lines = [new ReferenceLine("y = x", 0, 0, 4, 4)], Width = 640, Height = 480 },
        new HeatmapChart("heatmap", "predicted", "true", ["a", "b"], ["a", "b"], [[0.9, 0.1], [0.2, 0.8]], [["9", "1"], ["2", "8"]])
            { Width = 500, Height = 400 },
        new HistogramChart("histogram", "residual", "examples", [-1, 0, 1, 2], [3, 5, 1]) { Width = 300, Height = 700 },
    ];

    [Fact]
    public void EveryChartKind_IsAPngOfTheAskedSize_WithSomethingDrawn()
    {
        foreach (var chart in Kinds)
        {
            using var bitmap = SKBitmap.Decode(ChartFile.Render(chart));
            Assert.NotNull(bitmap);
            Assert.Equal((chart.Width, chart.Height), (bitmap.Width, bitmap.Height));
            var colours = new HashSet<uint>();
            for (var y = 0; y < bitmap.Height; y += 3)
                for (var x = 0; x < bitmap.Width; x += 3)
                    colours.Add((uint)bitmap.GetPixel(x, y));
            Assert.True(colours.Count > 20, $"{chart.GetType().Name}: only {colours.Count} colours; nothing was drawn");
        }
    }

    [Fact]
    public void TextIsDrawn_ADifferentTitleChangesTheTitleBandOnly()
    {
        var a = (ScatterChart)Kinds[0];
        using var one = SKBitmap.Decode(ChartFile.Render(a with { Title = "Iiii" }));
        using var other = SKBitmap.Decode(ChartFile.Render(a with { Title = "Confusion WWWW" }));
        int titleBand = 0, plotArea = 0;
        for (var y = 0; y < one.Height; y++)
            for (var x = 0; x < one.Width; x++)
                if (one.GetPixel(x, y) != other.GetPixel(x, y))
                {
                    if (y < 40) titleBand++;
                    else plotArea++;
                }
        Assert.True(titleBand > 50, $"the titles differ in {titleBand} pixels: is any font available?");
        Assert.True(plotArea < titleBand, $"{plotArea} pixels below the title changed");
    }

    [Fact]
    public void MlNetImageSteps_WorkBeforeAndAfterAChartIsDrawn_InOneProcess()
    {
        var image = Directory.EnumerateFiles(TestData.FashionTrain, "*.png", SearchOption.AllDirectories).First();
        var before = Pixels(image);
        ChartFile.Render(Kinds[1]);
        var after = Pixels(image);
        Assert.Equal(before, after);
        Assert.Contains(before, v => v > 0);
    }

    [Fact]
    public void Save_WritesTheFileAtomically_AndAMissingFolderIsAUserError()
    {
        var path = Path.Combine(_dir, "chart.png");
        ChartFile.Save(Kinds[2], path);
        Assert.Equal(Kinds[2].Width, SKBitmap.Decode(path).Width);
        Assert.Equal(["chart.png"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var e = Assert.Throws<UserInputException>(() => ChartFile.Save(Kinds[2], Path.Combine(_dir, "missing", "chart.png")));
        Assert.Contains("does not exist", e.Message);
    }

    private sealed class ImageRow
    {
        public string Path { get; set; } = "";
    }

    private static float[] Pixels(string image)
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable([new ImageRow { Path = image }]);
        var chain = ml.Transforms.LoadImages("Image", null, nameof(ImageRow.Path))
            .Append(ml.Transforms.ResizeImages("Image", 16, 16))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"));
        return chain.Fit(data).Transform(data).GetColumn<float[]>("Pixels").Single();
    }
}
