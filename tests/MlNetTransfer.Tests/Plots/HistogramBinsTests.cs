using System.Text.Json;
using MlNetTransfer.Plots;

namespace MlNetTransfer.Tests.Plots;

/// <summary><see cref="HistogramBins.Auto"/> against numpy's <c>np.histogram(values, bins="auto")</c> (Fixtures/make_histogram_fixtures.py).</summary>
public class HistogramBinsTests
{
    public static TheoryData<string> Cases() => new(Fixtures().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Auto_MatchesNumpy_EdgesTo1e9_CountsExactly(string name)
    {
        var expected = Fixtures().Single(c => c.Name == name);
        var (edges, counts) = HistogramBins.Auto(expected.Values);
        Assert.Equal(expected.Edges.Length, edges.Length);
        for (var i = 0; i < edges.Length; i++) Assert.Equal(expected.Edges[i], edges[i], 1e-9);
        Assert.Equal(expected.Counts, counts);
        Assert.Equal(expected.Values.Length, counts.Sum());
    }

    [Fact]
    public void Auto_OneOutlierAmongNearEqualValues_StaysWithinMaxBins_CountingEveryValue()
    {
        double[] values = [.. Enumerable.Range(0, 60).Select(i => 1.0 + i * 1e-9), 1e6];
        var (edges, counts) = HistogramBins.Auto(values);
        Assert.Equal(HistogramBins.MaxBins, counts.Length);
        Assert.Equal(61, counts.Sum());
        Assert.Equal(1, counts[^1]);
        Assert.Equal(1e6, edges[^1]);
    }

    [Fact]
    public void Auto_RefusesEmptyAndNonFiniteValues()
    {
        Assert.Throws<ArgumentException>(() => HistogramBins.Auto([]));
        Assert.Throws<ArgumentException>(() => HistogramBins.Auto([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => HistogramBins.Auto([1, double.PositiveInfinity]));
    }

    private sealed record Case(string Name, double[] Values, double[] Edges, int[] Counts);

    private static IReadOnlyList<Case> Fixtures()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Plots", "Fixtures", "histogram_fixtures.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("edges").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("counts").EnumerateArray().Select(v => v.GetInt32()).ToArray())).ToList();
    }
}
