using System.Globalization;
using Microsoft.ML.Data;
using SkiaSharp;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Decodes images with ML.NET's own decoder (<see cref="MLImage"/>, the one <c>LoadImages</c> uses) to find those a pass
/// cannot read: missing, empty, truncated, corrupt or not images at all, and those whose header announces more pixels
/// than a limit (decompression bombs; refused before any decode). Runs before any backbone, so a bad file never
/// ends a pass half-way (ML.NET reads rows ahead on several threads, so a failure inside a cursor would not even name it).
/// </summary>
public static class ImageCheck
{
    /// <summary>Every unreadable image of every image column of <paramref name="dataset"/>, in row order.</summary>
    /// <param name="dataset">The data.</param>
    /// <param name="cancellation">Stops the scan between images.</param>
    /// <param name="maxImagePixels">Images with more pixels than this are bad; default <see cref="Defaults.MaxImagePixels"/>.</param>
    public static IReadOnlyList<BadInput> FindBad(Dataset dataset, CancellationToken cancellation = default, long maxImagePixels = Defaults.MaxImagePixels)
    {
        var images = dataset.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        var found = new BadInput?[dataset.Count * images.Count];
        Parallel.For(0, found.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var row = i / images.Count;
            var column = images[i % images.Count];
            var path = column.Values[row];
            if (Problem(path, maxImagePixels) is { } problem) found[i] = new BadInput(row, dataset.Ids[row], column.Name, path, problem);
        });
        return found.OfType<BadInput>().ToList();
    }

    /// <summary>A message naming the first undecodable image at or after <paramref name="fromRow"/>, or null when all decode.</summary>
    public static string? FirstUndecodable(Dataset dataset, int fromRow)
    {
        var images = dataset.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        for (var row = Math.Max(fromRow, 0); row < dataset.Count; row++)
            foreach (var column in images)
                if (Problem(column.Values[row]) is { } problem)
                    return new BadInput(row, dataset.Ids[row], column.Name, column.Values[row], problem).Describe(dataset);
        return null;
    }

    /// <summary>
    /// What is wrong with an image file, or null when ML.NET decodes it. The width and height are read from the header
    /// first (SkiaSharp's <c>SKCodec</c>, which decodes nothing), so an image above <paramref name="maxImagePixels"/> is
    /// refused without allocating its pixels.
    /// </summary>
    public static string? Problem(string path, long maxImagePixels = Defaults.MaxImagePixels)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(path)) return "the image path is empty";
            if (path.Contains('\0')) return "the image path contains a NUL character";
            if (!File.Exists(path)) return "the file does not exist";
            if (new FileInfo(path).Length == 0) return "the file is empty (0 bytes)";
            if (PixelProblem(path, maxImagePixels) is { } tooLarge) return tooLarge;
            using var stream = File.OpenRead(path);
            using var image = MLImage.CreateFromStream(stream);
            return image.Width > 0 && image.Height > 0 ? null : "the image has no pixels";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return "the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// A message when the header of <paramref name="path"/> announces more than <paramref name="maxImagePixels"/> pixels;
    /// null when it does not, or when SkiaSharp cannot read a header (decoding then says what is wrong).
    /// </summary>
    public static string? PixelProblem(string path, long maxImagePixels = Defaults.MaxImagePixels)
    {
        using var codec = SKCodec.Create(path);
        if (codec is null) return null;
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var pixels = (long)width * height;
        return pixels <= maxImagePixels ? null : string.Create(CultureInfo.InvariantCulture,
            $"the image is {width}x{height} = {pixels:N0} pixels, more than the limit of {maxImagePixels:N0} (a decompression bomb?); if it is genuine, raise the limit with --max-image-pixels (MaxImagePixels)");
    }
}
