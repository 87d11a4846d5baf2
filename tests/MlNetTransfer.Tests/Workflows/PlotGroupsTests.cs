using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>How <see cref="PlotWorkflow"/> colours points: labels as they are, many numbers as 5 ranges, many texts as the most frequent plus "other".</summary>
public class PlotGroupsTests
{
    [Fact]
    public void FewLabels_AreTheirOwnGroups_AndAnEmptyLabelIsNamed()
    {
        var (groups, order) = PlotWorkflow.Groups(["a", "", "b"], numeric: false);
        Assert.Equal(["a", "(no label)", "b"], groups);
        Assert.Null(order);
    }

    [Fact]
    public void ManyNumbers_BecomeFiveRangesByQuantile_EachValueInTheRangeHoldingIt()
    {
        var labels = Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var (groups, order) = PlotWorkflow.Groups(labels, numeric: true);
        Assert.Equal(["[1, 20]", "(20, 40]", "(40, 60]", "(60, 80]", "(80, 100]"], order); // increasing, not ordinal
        Assert.Equal(5, groups.Distinct().Count());
        Assert.Equal("[1, 20]", groups[0]);
        Assert.Equal("[1, 20]", groups[19]);
        Assert.Equal("(20, 40]", groups[20]);
        Assert.Equal("(80, 100]", groups[99]);
        Assert.All(groups.GroupBy(g => g), g => Assert.InRange(g.Count(), 19, 21));
    }

    [Fact]
    public void ManyTexts_KeepTheMostFrequent_TheRestIsOther()
    {
        var labels = Enumerable.Range(0, 30).SelectMany(i => Enumerable.Repeat($"class{i:00}", i + 1)).ToList();
        var (groups, _) = PlotWorkflow.Groups(labels, numeric: false);
        Assert.Equal(PlotWorkflow.MaxGroups, groups.Distinct().Count());
        Assert.Contains("other", groups);
        Assert.Equal("class29", groups[^1]);
        Assert.Equal("other", groups[0]);
    }
}
