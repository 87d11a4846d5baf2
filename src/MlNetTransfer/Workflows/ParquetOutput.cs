using Parquet;
using Parquet.Schema;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Writes features as Parquet (one row group; text columns, then one float column per slot, named as in the CSV),
/// atomically, so embeddings feed Spark, DuckDB or pandas.
/// </summary>
internal static class ParquetOutput
{
    public static void Write(string path, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> textColumns,
        IReadOnlyList<string> slotNames, IReadOnlyList<float[]> rows) =>
        AtomicFile.Write(path, stream => WriteAsync(stream, textColumns, slotNames, rows).GetAwaiter().GetResult());

    private static async Task WriteAsync(Stream stream, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> textColumns,
        IReadOnlyList<string> slotNames, IReadOnlyList<float[]> rows)
    {
        var textFields = textColumns.Select(c => new DataField<string>(c.Name)).ToList();
        var slotFields = slotNames.Select(n => new DataField<float>(n)).ToList();
        var schema = new ParquetSchema([.. textFields, .. slotFields]);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < textColumns.Count; c++)
            await group.WriteAsync(textFields[c], textColumns[c].Values.ToArray());
        for (var s = 0; s < slotFields.Count; s++)
            await group.WriteAsync<float>(slotFields[s], rows.Select(r => r[s]).ToArray().AsMemory());
    }
}
