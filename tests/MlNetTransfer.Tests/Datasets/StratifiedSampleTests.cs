using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Datasets;

public sealed class StratifiedSampleTests
{
    // 60 rows, labels interleaved: a x10, b x20, c x30.
    private static Dataset Data(LearningTask task = LearningTask.Classification)
    {
        var labels = Enumerable.Range(0, 60).Select(i => i % 6 == 0 ? "a" : i % 6 < 3 ? "b" : "c").ToList();
        return new Dataset("rows", Enumerable.Range(0, 60).Select(i => $"r{i}").ToList(), labels, []) { Task = task };
    }

    [Fact]
    public void Rows_KeepEachLabelsShare_AreDistinctAscending_AndTheSameForTheSameSeed()
    {
        var data = Data();
        var rows = StratifiedSample.Rows(data, 12, seed: 0);
        Assert.Equal(12, rows.Count);
        Assert.Equal(rows.Order().Distinct(), rows);
        var perLabel = rows.GroupBy(r => data.Labels![r]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 4, ["c"] = 6 }, perLabel);
        Assert.Equal(rows, StratifiedSample.Rows(data, 12, seed: 0));
        Assert.NotEqual(rows, StratifiedSample.Rows(data, 12, seed: 1));
    }

    [Fact]
    public void Rows_GiveTheRemainderToTheLargestFractions_AllRowsWhenAskedForMore_RandomRowsForARegression()
    {
        var data = Data();
        // 7 of 60: exact shares 1.17 / 2.33 / 3.5 -> floors 1 / 2 / 3, the one left to c (remainder 0.5).
        var seven = StratifiedSample.Rows(data, 7, seed: 3).GroupBy(r => data.Labels![r]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 4 }, seven);
        Assert.Equal(Enumerable.Range(0, 60), StratifiedSample.Rows(data, 200, seed: 0));
        var regression = StratifiedSample.Rows(Data(LearningTask.Regression), 12, seed: 0);
        Assert.Equal(12, regression.Distinct().Count());
        Assert.All(regression, r => Assert.InRange(r, 0, 59));
    }
}
