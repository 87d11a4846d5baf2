using System.Globalization;
using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>Series through the CLI: --series-column (a series per cell, or a group of numeric columns) and --series-featurizer in train, evaluate, predict and featurize; bad cells and names as user errors.</summary>
public sealed class SeriesCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertMentions(string text, params string[] parts)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        foreach (var part in parts) Assert.True(flat.Contains(Regex.Replace(part, @"\s+", " "), StringComparison.Ordinal), $"'{part}' not in: {text}");
    }

    /// <summary>Sines of 1/8..1/4 cycle per sample (random phase, 24..40 samples) against white noise, with a little noise on the sines.</summary>
    private string Waves(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var lines = new List<string> { "id,label,signal" };
        for (var i = 0; i < rows; i++)
        {
            var sine = i % 2 == 0;
            var n = random.Next(24, 41);
            var f = 0.125 + 0.125 * random.NextDouble();
            var phase = random.NextDouble() * 6.28;
            var values = Enumerable.Range(0, n).Select(t => (sine ? Math.Sin(2 * Math.PI * f * t + phase) : 0) + (sine ? 0.1 : 1) * (random.NextDouble() - 0.5))
                .Select(v => v.ToString("0.####", CultureInfo.InvariantCulture));
            lines.Add($"{i},{(sine ? "sine" : "noise")},{string.Join(";", values)}");
        }
        return _dir.Csv(name, [.. lines]);
    }

    [Fact]
    public void Train_OnTextSeriesOfDifferentLengths_AndTheZipEvaluatesAndPredictsTheSame()
    {
        var train = Waves("train.csv", 40, 1);
        var test = Waves("test.csv", 20, 2);
        var run = _dir.Run("train", "--data", train, "--test", test, "--series-column", "signal", "--series-featurizer", "stats",
            "--series-featurizer", "fft:bands=4", "--out", _dir["w.zip"], "--metrics-json", _dir["train.json"]).Succeeded();
        AssertMentions(run.Stdout, "signal: series (named)", "id: ignored (not named; only the named columns are used)");
        var metrics = MetricsJson.Read(_dir["train.json"]);
        Assert.True(metrics.Accuracy >= 0.9, $"accuracy {metrics.Accuracy}");
        _dir.Run("evaluate", "--model", _dir["w.zip"], "--data", test, "--metrics-json", _dir["evaluate.json"]).Succeeded();
        MetricsJson.AssertSameOutcome(_dir["train.json"], _dir["evaluate.json"]);
        _dir.Run("predict", "--model", _dir["w.zip"], "--data", test, "--out", _dir["p.csv"]).Succeeded();
        Assert.Equal(20, TestData.ReadCsv(_dir["p.csv"]).Rows.Count);
    }

    [Fact]
    public void Featurize_AGroupOfColumns_NamesTheSlotsByFeature()
    {
        var data = _dir.Csv("g.csv", "label,s1,s2,s3,s4,other", "a,1,2,3,4,x", "b,4,3,2,1,y", "a,1,3,2,4,x");
        var run = _dir.Run("featurize", "--data", data, "--series-column", "s*", "--series-featurizer", "wavelet:haar",
            "--series-featurizer", "stats:lags=1:quantiles=0.5", "--out", _dir["f.csv"]).Succeeded();
        AssertMentions(run.Stdout, "s1: series (named: value 1 of series 's*')", "other: ignored (not named");
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(["path_or_row", "label", "s*.wavelet:haar:a2_energy", "s*.wavelet:haar:a2_entropy", "s*.wavelet:haar:d2_energy",
            "s*.wavelet:haar:d2_entropy", "s*.wavelet:haar:d1_energy", "s*.wavelet:haar:d1_entropy",
            "s*.stats:lags=1:quantiles=0.5:mean", "s*.stats:lags=1:quantiles=0.5:variance", "s*.stats:lags=1:quantiles=0.5:std",
            "s*.stats:lags=1:quantiles=0.5:min", "s*.stats:lags=1:quantiles=0.5:max", "s*.stats:lags=1:quantiles=0.5:range",
            "s*.stats:lags=1:quantiles=0.5:skewness", "s*.stats:lags=1:quantiles=0.5:kurtosis", "s*.stats:lags=1:quantiles=0.5:q0.5",
            "s*.stats:lags=1:quantiles=0.5:zero_crossing_rate", "s*.stats:lags=1:quantiles=0.5:acf1"], header);
        Assert.Equal("2.5", rows[0][8]); // the mean of 1, 2, 3, 4
    }

    [Theory]
    [InlineData("label,s\na,1;2\nb,1;x\n", new[] { "--series-column", "s" }, "row 2, column 's': value 2 of the series is 'x', not a number.")]
    [InlineData("label,s1,s2\na,1,2\nb,3,\n", new[] { "--series-column", "s1,s2" }, "row 2, column 's2': the cell is empty, but it is a value of the series 's1,s2'")]
    [InlineData("label,s\na,1;2\nb,1;3\n", new[] { "--series-column", "s", "--series-featurizer", "fourier" }, "unknown series featurizer 'fourier': expected one of stats, fft, wavelet")]
    [InlineData("label,s\na,1;2\nb,1;3\n", new[] { "--series-column", "s", "--series-featurizer", "wavelet:db9" }, "series featurizer 'wavelet:db9': unknown setting 'db9'")]
    [InlineData("label,s\na,1;2\nb,1;3\n", new[] { "--series-column", "t*" }, "has no column starting with 't' for the series 't*'.")]
    public void BadSeries_AreUserErrorsNamingTheRowColumnOrFlag(string csv, string[] flags, string expected)
    {
        var data = _dir.Csv("bad.csv", csv.TrimEnd('\n').Split('\n'));
        var error = _dir.Run(["train", "--data", data, "--test", data, "--out", _dir["m.zip"], .. flags]).UserError();
        AssertMentions(error, expected);
        Assert.False(File.Exists(_dir["m.zip"]));
    }
}
