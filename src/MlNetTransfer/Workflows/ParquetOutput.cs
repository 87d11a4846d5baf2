using Parquet;
using Parquet.Schema;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Writes features as Parquet, atomically: text columns <c>path_or_row</c> and <c>label</c>, then (shard files only) the
/// int64 column <c>row</c> (each row's index in the listing of all inputs), then one float column per slot, named as in
/// the CSV; one row group per <see cref="FeatureRows"/> given (streamed: one group in memory at a time), and the given
/// key-value metadata (<see cref="FeaturizerRecord"/>). Spark, DuckDB and pandas read it; <see cref="FeatureFileReader"/>
/// reads it back.
/// </summary>
internal static class ParquetOutput
{
    /// <summary>The id column.</summary>
    public const string IdColumn = "path_or_row";

    /// <summary>The label column ("" when unknown).</summary>
    public const string LabelColumn = "label";

    /// <summary>The listing-index column of shard files.</summary>
    public const string IndexColumn = "row";

    /// <summary>Writes <paramref name="groups"/> to <paramref name="path"/> (atomically; no row group at all when there are none).</summary>
    public static void Write(string path, IReadOnlyList<string> slotNames, IReadOnlyDictionary<string, string> metadata, bool withIndexes,
        IEnumerable<FeatureRows> groups) =>
        AtomicFile.Write(path, stream => WriteAsync(stream, slotNames, metadata, withIndexes, groups).GetAwaiter().GetResult());

    private static async Task WriteAsync(Stream stream, IReadOnlyList<string> slotNames, IReadOnlyDictionary<string, string> metadata, bool withIndexes,
        IEnumerable<FeatureRows> groups)
    {
        var id = new DataField<string>(IdColumn);
        var label = new DataField<string>(LabelColumn);
        var index = new DataField<long>(IndexColumn);
        var slotFields = slotNames.Select(n => new DataField<float>(n)).ToList();
        var schema = new ParquetSchema([id, label, .. withIndexes ? [index] : Array.Empty<Field>(), .. slotFields]);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        writer.CustomMetadata = metadata.ToDictionary();
        foreach (var rows in groups)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, rows.Ids.ToArray());
            await group.WriteAsync(label, rows.Labels.ToArray());
            if (withIndexes)
                await group.WriteAsync<long>(index, (rows.Indexes ?? throw new InvalidOperationException("Shard rows need their listing indexes.")).ToArray().AsMemory());
            var column = new float[rows.Count];
            for (var s = 0; s < slotFields.Count; s++)
            {
                for (var r = 0; r < column.Length; r++) column[r] = rows.Values[r][s];
                await group.WriteAsync<float>(slotFields[s], column.AsMemory());
            }
        }
    }
}
