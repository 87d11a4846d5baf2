namespace MlNetTransfer.Workflows;

/// <summary>
/// Rows of a features file (one Parquet row group): each row's id (<c>path_or_row</c>), label (empty when unknown),
/// index in the full input listing (shard files only; null otherwise) and feature values (one float per slot).
/// </summary>
/// <param name="Ids">The rows' ids: image paths, or CSV row numbers.</param>
/// <param name="Labels">The rows' labels, "" when unknown.</param>
/// <param name="Indexes">Each row's position in the listing of all inputs (so shards merge back in the unsharded order); null when not recorded.</param>
/// <param name="Values">Each row's features, all of the file's slot count.</param>
internal sealed record FeatureRows(IReadOnlyList<string> Ids, IReadOnlyList<string> Labels, IReadOnlyList<long>? Indexes, IReadOnlyList<float[]> Values)
{
    /// <summary>Number of rows.</summary>
    public int Count => Ids.Count;
}
