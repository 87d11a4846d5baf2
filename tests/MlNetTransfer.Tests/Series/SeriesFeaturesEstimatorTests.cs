using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Series;

namespace MlNetTransfer.Tests.Series;

/// <summary>
/// <c>ml.Transforms.ExtractSeriesFeatures</c> as a user's pipeline step: text and numeric-column series of different
/// lengths, values equal to <see cref="SeriesFeatures.Compute"/>, a saved zip that reloads to the same features, and
/// errors that name the column and row.
/// </summary>
public sealed class SeriesFeaturesEstimatorTests
{
    private sealed class TextRow
    {
        public string Series { get; set; } = "";
    }

    private sealed class GroupRow
    {
        public float S1 { get; set; }
        public float S2 { get; set; }
        public float S3 { get; set; }
        public float S4 { get; set; }
        public float S5 { get; set; }
    }

    private static readonly string[] Texts = ["0.5;1.5;-2;3;4.25;1", "1 2 3 4 5 6 7 8 9 10 11 12", "3; 1; 4; 1; 5; 9; 2; 6", "-1;1"];

    private static double[] Parse(string text) => SeriesText.Parse(text, "Series");

    public static TheoryData<string> Specs() => ["stats", "fft:bands=4", "wavelet:haar", "wavelet:db2:levels=2", "fft:bands=3:rate=50"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void TextSeries_OfDifferentLengths_EqualCompute_AndReloadFromTheZip(string spec)
    {
        var ml = new MLContext(0);
        var options = SeriesFeaturesOptions.Parse(spec)!;
        var data = ml.Data.LoadFromEnumerable(Texts.Select(t => new TextRow { Series = t }));
        var model = ml.Transforms.ExtractSeriesFeatures("Features", "Series", options).Fit(data);
        var output = model.Transform(data);
        var type = (VectorDataViewType)output.Schema["Features"].Type;
        var fitted = options.Kind == SeriesFeatureKind.Wavelet && options.Levels is null
            ? options with { Levels = SeriesFeatures.DefaultLevels(Texts.Min(t => Parse(t).Length), options) } : options;
        Assert.Equal(fitted.Count, type.Size);
        var rows = output.GetColumn<float[]>("Features").ToArray();
        for (var r = 0; r < Texts.Length; r++)
            Assert.Equal(SeriesFeatures.Compute(Parse(Texts[r]), fitted).Select(v => (float)v), rows[r]);
        Assert.Null(output.Schema.GetColumnOrNull(SeriesMappings.SettingsColumn));

        var path = Path.Combine(TestData.TempDir(), "series.zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(1).Model.Load(path, out _);
        Assert.Equal(rows, loaded.Transform(data).GetColumn<float[]>("Features").ToArray());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void NumericColumns_AreOneSeries_InTheGivenOrder_AndReload()
    {
        var ml = new MLContext(0);
        var rows = new[] { new GroupRow { S1 = 1, S2 = 4, S3 = 2, S4 = 8, S5 = 5 }, new GroupRow { S1 = -1, S2 = 0, S3 = 1, S4 = 0, S5 = -1 } };
        var data = ml.Data.LoadFromEnumerable(rows);
        string[] columns = ["S1", "S2", "S3", "S4", "S5"];
        var pipeline = ml.Transforms.ExtractSeriesFeatures("Stats", columns)
            .Append(ml.Transforms.ExtractSeriesFeatures("Wavelet", columns, SeriesFeaturesOptions.WaveletDb4 with { Wavelet = "haar" }));
        var model = pipeline.Fit(data);
        var output = model.Transform(data);
        var stats = output.GetColumn<float[]>("Stats").ToArray();
        var wavelet = output.GetColumn<float[]>("Wavelet").ToArray();
        Assert.Equal(SeriesFeatures.Compute([1, 4, 2, 8, 5], SeriesFeaturesOptions.Stats).Select(v => (float)v), stats[0]);
        // Haar on 5 values: dwt_max_level(5, 2) = 2 levels -> 2·3 features.
        Assert.Equal(6, wavelet[0].Length);
        Assert.Equal(SeriesFeatures.Compute([-1, 0, 1, 0, -1], SeriesFeaturesOptions.WaveletDb4 with { Wavelet = "haar", Levels = 2 }).Select(v => (float)v), wavelet[1]);

        var dir = TestData.TempDir();
        var path = Path.Combine(dir, "group.zip");
        ml.Model.Save(model, data.Schema, path);
        var loaded = new MLContext(1).Model.Load(path, out _).Transform(data);
        Assert.Equal(stats, loaded.GetColumn<float[]>("Stats").ToArray());
        Assert.Equal(wavelet, loaded.GetColumn<float[]>("Wavelet").ToArray());
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("", "row 2: the series is empty")]
    [InlineData("1;abc;3", "row 2: value 2 of the series is 'abc', not a number")]
    [InlineData("1;;3", "row 2: value 2 of the series is empty")]
    [InlineData("1;NaN", "row 2: value 2 of the series is 'NaN'; a series needs finite numbers")]
    [InlineData("1,5;2", "value 1 of the series is '1,5', not a number (separate values with ';' and write decimals with '.')")]
    public void ABadCell_AtFit_NamesTheColumnAndRow(string cell, string expected)
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Series = "1;2;3" }, new TextRow { Series = cell } });
        var e = Assert.Throws<UserInputException>(() => ml.Transforms.ExtractSeriesFeatures("F", "Series", SeriesFeaturesOptions.WaveletDb4).Fit(data));
        Assert.Contains("Series column 'Series'", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ABadCell_WhenTransforming_NamesTheColumn()
    {
        var ml = new MLContext(0);
        var model = ml.Transforms.ExtractSeriesFeatures("F", "Series").Fit(ml.Data.LoadFromEnumerable(new[] { new TextRow { Series = "1;2;3" } }));
        var bad = model.Transform(ml.Data.LoadFromEnumerable(new[] { new TextRow { Series = "1;x" } }));
        var e = Assert.ThrowsAny<Exception>(() => bad.GetColumn<float[]>("F").ToArray());
        while (e is not UserInputException && e.InnerException is not null) e = e.InnerException;
        Assert.Equal("Series column 'Series': value 2 of the series is 'x', not a number.", e.Message);
    }

    [Fact]
    public void GetOutputSchema_GivesAFloatVector_AndChecksTheInput()
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Series = "1;2" } });
        var shape = ml.Transforms.ExtractSeriesFeatures("F", "Series", SeriesFeaturesOptions.Fft).GetOutputSchema(TestData.ShapeOf(data.Schema));
        var column = shape.Single(c => c.Name == "F");
        Assert.Equal((SchemaShape.Column.VectorKind.Vector, (DataViewType)NumberDataViewType.Single), (column.Kind, column.ItemType));
        Assert.DoesNotContain(shape, c => c.Name.StartsWith("mlnt.series.", StringComparison.Ordinal));
        var numbers = ml.Data.LoadFromEnumerable(new[] { new GroupRow() });
        var group = ml.Transforms.ExtractSeriesFeatures("F", ["S1", "S2", "S3"]).GetOutputSchema(TestData.ShapeOf(numbers.Schema));
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, group.Single(c => c.Name == "F").Kind);
        Assert.Equal("Series features: could not find input column 'Nope'.", Assert.Throws<UserInputException>(() =>
            ml.Transforms.ExtractSeriesFeatures("F", ["S1", "Nope"]).GetOutputSchema(TestData.ShapeOf(numbers.Schema))).Message);
    }

    [Fact]
    public void WrongColumns_AndOptions_AreClearErrors()
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(new[] { new TextRow { Series = "1;2" } });
        Assert.Equal("Series features: could not find input column 'Nope'.",
            Assert.Throws<UserInputException>(() => ml.Transforms.ExtractSeriesFeatures("F", "Nope").Fit(data)).Message);
        Assert.Contains("Bands must be between 1 and 256 (got 0)",
            Assert.Throws<UserInputException>(() => ml.Transforms.ExtractSeriesFeatures("F", "Series", SeriesFeaturesOptions.Fft with { Bands = 0 })).Message);
        Assert.Equal("Series featurizer 'fft:band=3': unknown setting 'band=3'; fft takes bands=<n> and rate=<samples per second>.",
            Assert.Throws<UserInputException>(() => SeriesFeaturesOptions.Parse("fft:band=3")).Message);
        Assert.Null(SeriesFeaturesOptions.Parse("tfidf"));
    }

    [Theory]
    [InlineData("stats", "stats")]
    [InlineData("STATS:lags=1,3", "stats:lags=1,3")]
    [InlineData("fft:bands=16:rate=100", "fft:bands=16:rate=100")]
    [InlineData("wavelet", "wavelet")]
    [InlineData("wavelet:db1:levels=3", "wavelet:haar:levels=3")]
    public void Specs_RoundTrip(string spec, string name)
    {
        var options = SeriesFeaturesOptions.Parse(spec)!;
        Assert.Equal(name, options.Name);
        Assert.Equal(options, SeriesFeaturesOptions.Parse(options.Spec));
        Assert.Equal(options.Kind == SeriesFeatureKind.Wavelet && options.Levels is null ? 0 : options.Count,
            options.Kind == SeriesFeatureKind.Wavelet && options.Levels is null ? 0 : options.FeatureNames().Count);
    }
}
