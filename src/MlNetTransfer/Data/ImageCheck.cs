using Microsoft.ML.Data;

namespace MlNetTransfer.Data;

/// <summary>
/// Finds the image that broke a pass. ML.NET reads rows ahead in batches on several threads, so when a decode fails
/// inside a cursor the row being consumed is not the culprit; this decodes the images from that row on with ML.NET's
/// own decoder and names the first that fails.
/// </summary>
public static class ImageCheck
{
    /// <summary>A message naming the first undecodable image at or after <paramref name="fromRow"/>, or null when all decode.</summary>
    public static string? FirstUndecodable(Dataset dataset, int fromRow)
    {
        var images = dataset.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        for (var row = Math.Max(fromRow, 0); row < dataset.Count; row++)
            foreach (var column in images)
            {
                var path = column.Values[row];
                try
                {
                    using var stream = File.OpenRead(path);
                    using var image = MLImage.CreateFromStream(stream);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    var where = dataset.Ids[row] == path ? "" : $"'{dataset.Source}' row {dataset.Ids[row]}, column '{column.Name}': ";
                    var reason = e is ArgumentException ? "the file is not a decodable image (png, jpg, bmp, gif, webp)" : e.Message;
                    return $"{where}could not read image '{path}': {reason}";
                }
            }
        return null;
    }
}
