using Parquet;
using Parquet.Schema;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Reads a features file written by <see cref="ParquetOutput"/>: its key-value metadata, slot names and rows (every row
/// group, in order). A <see cref="UserInputException"/> naming the file when it is not Parquet or not laid out as
/// <c>path_or_row, label, [row,] &lt;float slots&gt;…</c>.
/// </summary>
internal static class FeatureFileReader
{
    /// <summary>The file's metadata, slot names and rows.</summary>
    public static (IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Slots, FeatureRows Rows) Read(string path) =>
        ReadAsync(path, metadataOnly: false).GetAwaiter().GetResult();

    /// <summary>The file's key-value metadata alone (nothing else is read).</summary>
    public static IReadOnlyDictionary<string, string> Metadata(string path) => ReadAsync(path, metadataOnly: true).GetAwaiter().GetResult().Metadata;

    /// <summary>A text column (Parquet.Net reads UTF-8 strings as <see cref="string"/> or <see cref="ReadOnlyMemory{T}"/> of char).</summary>
    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>Whether <paramref name="stream"/> begins with Parquet's magic bytes <c>PAR1</c>; the position is put back to 0.</summary>
    private static bool StartsAsParquet(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 4 && magic.SequenceEqual("PAR1"u8);
    }

    private static async Task<(IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Slots, FeatureRows Rows)> ReadAsync(string path, bool metadataOnly)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            if (!StartsAsParquet(stream))
                throw new UserInputException($"'{Path.GetFullPath(path)}' is not a Parquet file (it does not start with 'PAR1'): features files are the .parquet files " +
                    "written by 'featurize --out x.parquet'; a CSV or an image folder is data (--data, or --test without --features).");
            await using var reader = await ParquetReader.CreateAsync(stream);
            var metadata = reader.CustomMetadata ?? new Dictionary<string, string>();
            var fields = reader.Schema.DataFields;
            var withIndexes = fields.Length > 2 && fields[2].Name == ParquetOutput.IndexColumn;
            var slots = fields.Skip(withIndexes ? 3 : 2).ToList();
            var layout = fields.Length >= 2 && fields[0].Name == ParquetOutput.IdColumn && fields[1].Name == ParquetOutput.LabelColumn
                && IsText(fields[0]) && IsText(fields[1])
                && (!withIndexes || fields[2].ClrType == typeof(long)) && slots.All(f => f.ClrType == typeof(float) && !f.IsNullable);
            if (!layout)
                throw new UserInputException($"'{path}' is not a features file: expected the columns {ParquetOutput.IdColumn} (text), {ParquetOutput.LabelColumn} (text), " +
                    $"optionally {ParquetOutput.IndexColumn} (int64), then one float column per slot; found {string.Join(", ", fields.Take(4).Select(f => $"{f.Name} ({f.ClrType.Name})"))}{(fields.Length > 4 ? ", …" : "")}.");
            var empty = new FeatureRows([], [], withIndexes ? [] : null, []);
            if (metadataOnly) return (metadata, [], empty);
            var ids = new List<string>();
            var labels = new List<string>();
            var indexes = withIndexes ? new List<long>() : null;
            var values = new List<float[]>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                var text = new string?[n];
                await group.ReadAsync(fields[0], text.AsMemory());
                ids.AddRange(text.Select(t => t ?? ""));
                await group.ReadAsync(fields[1], text.AsMemory());
                labels.AddRange(text.Select(t => t ?? ""));
                if (indexes is not null)
                {
                    var index = new long[n];
                    await group.ReadAsync<long>(fields[2], index.AsMemory());
                    indexes.AddRange(index);
                }
                var rows = Enumerable.Range(0, n).Select(_ => new float[slots.Count]).ToArray();
                var column = new float[n];
                for (var s = 0; s < slots.Count; s++)
                {
                    await group.ReadAsync<float>(slots[s], column.AsMemory());
                    for (var r = 0; r < n; r++) rows[r][s] = column[r];
                }
                values.AddRange(rows);
            }
            return (metadata, slots.Select(f => f.Name).ToList(), new FeatureRows(ids, labels, indexes, values));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException
            || e.GetType().Namespace?.StartsWith("Parquet", StringComparison.Ordinal) == true)
        {
            throw new UserInputException($"'{path}' cannot be read as a Parquet features file: {e.Message}", e);
        }
    }
}
