using System.Collections.Concurrent;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Upright copies of the EXIF-rotated images of a run (<see cref="ImageOrientation"/>), in a temporary folder deleted
/// on <see cref="Dispose"/>. Images stored upright (tag 1 or none: most files) are used in place; only rotated ones
/// cost a decode and a lossless PNG copy (temporary disk space, freed at the end of the run).
/// </summary>
internal sealed class UprightImages : IDisposable
{
    private readonly ConcurrentDictionary<string, string> _copies = new(StringComparer.Ordinal);
    private readonly Lazy<string> _folder = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mlnet-transfer-upright-{Guid.NewGuid():N}")).FullName);
    private int _next;

    /// <summary>
    /// <paramref name="dataset"/> with every image column's paths replaced by upright copies where the EXIF orientation
    /// is not 1; the same instance when no image is rotated. Ids (what reports and errors name) are unchanged.
    /// </summary>
    public Dataset Apply(Dataset dataset)
    {
        if (!dataset.Columns.Any(c => c.Role == ColumnRole.Image)) return dataset;
        var changed = false;
        var columns = dataset.Columns.Select(column =>
        {
            if (column.Role != ColumnRole.Image) return column;
            var paths = new string[column.Values.Count];
            Parallel.For(0, paths.Length, i => paths[i] = PathFor(column.Values[i]));
            if (paths.SequenceEqual(column.Values)) return column;
            changed = true;
            return column with { Values = paths };
        }).ToList();
        return changed ? dataset with { Columns = columns } : dataset;
    }

    /// <summary>The path to feed ML.NET for <paramref name="path"/>: itself when upright (or missing, or not an image), else an upright copy.</summary>
    public string PathFor(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0') || !File.Exists(path) || ImageOrientation.Read(path) == 1) return path;
        return _copies.GetOrAdd(path, p =>
        {
            var copy = Path.Combine(_folder.Value, $"{Interlocked.Increment(ref _next)}.png");
            try
            {
                ImageOrientation.WriteUpright(p, copy);
                return copy;
            }
            catch (InvalidOperationException)
            {
                return p; // undecodable: ML.NET fails on the original, which names it
            }
        });
    }

    /// <summary>Deletes the copies.</summary>
    public void Dispose()
    {
        if (!_folder.IsValueCreated) return;
        try { Directory.Delete(_folder.Value, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
