namespace MlNetTransfer.Datasets;

/// <summary>A seeded sample of a dataset's rows that keeps each class's share (for calibration images).</summary>
internal static class StratifiedSample
{
    /// <summary>
    /// The indices of <paramref name="count"/> rows of <paramref name="data"/> (all of them when it has no more), ascending.
    /// For a classification with labels, each label gets a share of <paramref name="count"/> proportional to its rows
    /// (floors, then the remaining rows one each to the labels with the largest remainders, ties in label order), its rows
    /// taken in a seeded shuffle; otherwise rows are drawn at random. The same data, count and seed give the same rows.
    /// </summary>
    public static IReadOnlyList<int> Rows(Dataset data, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= data.Count) return Enumerable.Range(0, data.Count).ToList();
        var random = new Random(seed);
        if (data.Labels is null || data.Task == LearningTask.Regression)
        {
            var all = Enumerable.Range(0, data.Count).ToArray();
            random.Shuffle(all);
            return all.Take(count).Order().ToList();
        }
        var labels = data.Labels;
        var groups = Enumerable.Range(0, data.Count).GroupBy(i => labels[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        var quotas = groups.Select(g => (int)((long)count * g.Length / data.Count)).ToArray();
        var left = count - quotas.Sum();
        foreach (var g in Enumerable.Range(0, groups.Count).OrderByDescending(g => (long)count * groups[g].Length % data.Count).ThenBy(g => g).Take(left))
            quotas[g]++;
        var rows = new List<int>(count);
        for (var g = 0; g < groups.Count; g++)
        {
            random.Shuffle(groups[g]);
            rows.AddRange(groups[g].Take(quotas[g]));
        }
        rows.Sort();
        return rows;
    }
}
