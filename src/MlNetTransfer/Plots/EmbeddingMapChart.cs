using MlNetTransfer.Charts;

namespace MlNetTransfer.Plots;

/// <summary>A 2-D map of embeddings (PCA or t-SNE coordinates), one colour per label.</summary>
public static class EmbeddingMapChart
{
    /// <summary>Groups the points by label (labels in ordinal order, each a legend entry).</summary>
    /// <param name="labels">One label per point (a class, or a domain name).</param>
    /// <param name="coordinates">One (x, y) per point, same order as <paramref name="labels"/>.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="axisName">The axes' name, e.g. <c>t-SNE</c> or <c>PC</c> (axes read "<c>{axisName} 1</c>", "<c>{axisName} 2</c>").</param>
    /// <param name="order">The legend's order (every label once); null: ordinal order of the labels.</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or a coordinate pair is not 2 numbers.</exception>
    public static ScatterChart Create(IReadOnlyList<string> labels, IReadOnlyList<float[]> coordinates, string title, string axisName,
        IReadOnlyList<string>? order = null)
    {
        if (labels.Count == 0) throw new ArgumentException("no points to plot", nameof(labels));
        if (labels.Count != coordinates.Count)
            throw new ArgumentException($"{labels.Count} labels but {coordinates.Count} points", nameof(coordinates));
        if (coordinates.Any(c => c.Length != 2)) throw new ArgumentException("every point needs 2 coordinates", nameof(coordinates));
        var groups = labels.Select((label, i) => (label, i)).GroupBy(p => p.label, StringComparer.Ordinal)
            .OrderBy(g => order is null ? 0 : IndexIn(order, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PointGroup(g.Key, g.Select(p => (double)coordinates[p.i][0]).ToArray(), g.Select(p => (double)coordinates[p.i][1]).ToArray()))
            .ToArray();
        return new ScatterChart(title, $"{axisName} 1", $"{axisName} 2", groups)
        {
            Width = 1000,
            Height = 750,
            MarkerSize = labels.Count > 3000 ? 3 : labels.Count > 500 ? 4 : 6,
        };
    }

    private static int IndexIn(IReadOnlyList<string> order, string label)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == label) return i;
        return order.Count;
    }
}
