using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>
/// The sha256 of a row's content, which decides its <see cref="ShardSpec">shard</see>: over each feature column in order,
/// <c>&lt;name&gt;=&lt;sha256 of the value&gt;</c>, where an image cell's value is its file's bytes (the same file hash
/// the embedding cache keys on, <see cref="BackboneMaterializer.Sha256"/>) and any other cell's is its text (UTF-8). The
/// label and the row's position are not part of it. A missing or unreadable image hashes its path instead, so the row
/// still lands in exactly one shard, whose screening then reports it.
/// </summary>
internal static class RowContentHash
{
    /// <summary>The 32-byte sha256 of every row of <paramref name="data"/>, in row order (rows hashed in parallel; cancellable).</summary>
    public static byte[][] Of(Dataset data, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        const string stage = "Hashing inputs";
        var hashes = new byte[data.Count][];
        var done = 0;
        progress?.Report(new WorkflowProgress(stage, 0, data.Count));
        Parallel.For(0, data.Count, new ParallelOptions { CancellationToken = cancellation }, row =>
        {
            hashes[row] = Row(data, row);
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0) progress?.Report(new WorkflowProgress(stage, n, data.Count));
        });
        progress?.Report(new WorkflowProgress(stage, data.Count, data.Count));
        return hashes;
    }

    /// <summary>The sha256 of row <paramref name="row"/> of <paramref name="data"/>.</summary>
    public static byte[] Row(Dataset data, int row)
    {
        var text = new StringBuilder();
        foreach (var column in data.Columns)
        {
            var value = column.Numbers is { } numbers ? numbers[row].ToString("R", CultureInfo.InvariantCulture) : column.Values[row];
            text.Append(column.Name).Append('=').Append(column.Role == ColumnRole.Image ? FileOrText(value) : Text(value)).Append('\n');
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string FileOrText(string path)
    {
        try
        {
            return BackboneMaterializer.Sha256(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "path:" + Text(path);
        }
    }

    private static string Text(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
