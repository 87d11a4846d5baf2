using System.Globalization;
using Microsoft.ML.Data;
using SkiaSharp;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Decodes images with ML.NET's own decoder (<see cref="MLImage"/>, the one <c>LoadImages</c> uses) to find those a pass
/// cannot read: missing, empty, truncated, corrupt or not images at all, and those whose header announces more pixels
/// than a limit (decompression bombs; refused before any decode). The screen before any backbone (<see cref="FindBad"/>)
/// reads headers only, so that each image is decoded once per run, by the pass that needs its pixels; a pass that fails
/// on an image names it with <see cref="FirstUndecodable"/>, which decodes (ML.NET reads rows ahead on several threads,
/// so a failure inside a cursor would not name it).
/// </summary>
public static class ImageCheck
{
    /// <summary>
    /// Why <paramref name="path"/> (full) cannot be read as an image file before anything opens it: a folder, or nothing
    /// there; null when a file exists.
    /// </summary>
    public static string? NotAFile(string path) =>
        File.Exists(path) ? null : Directory.Exists(path) ? $"'{path}' is a folder, not an image file" : $"Image '{path}' does not exist";

    /// <summary>
    /// Every unreadable image of every image column of <paramref name="dataset"/>, in row order: decoded (<see cref="Problem"/>),
    /// or, with <paramref name="decode"/> false, judged from the files' headers only (<see cref="HeaderProblem"/>: missing, empty,
    /// not an image, header cut short, too many pixels), for a caller whose every later pass names an image that fails to
    /// decode (<see cref="FirstUndecodable"/>), so that each image is decoded once per run, by the pass that uses its pixels.
    /// </summary>
    /// <param name="dataset">The data.</param>
    /// <param name="cancellation">Stops the scan between images.</param>
    /// <param name="maxImagePixels">Images with more pixels than this are bad; default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <param name="decode">True (the default): decode every image; false: read headers only.</param>
    public static IReadOnlyList<BadInput> FindBad(Dataset dataset, CancellationToken cancellation = default, long maxImagePixels = Defaults.MaxImagePixels, bool decode = true)
    {
        var images = dataset.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        var found = new BadInput?[dataset.Count * images.Count];
        Parallel.For(0, found.Length, new ParallelOptions { CancellationToken = cancellation }, i =>
        {
            var row = i / images.Count;
            var column = images[i % images.Count];
            var path = column.Values[row];
            if ((decode ? Problem(path, maxImagePixels) : HeaderProblem(path, maxImagePixels)) is { } problem) found[i] = new BadInput(row, dataset.Ids[row], column.Name, path, problem);
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
            if ((FileProblem(path) ?? PixelProblem(path, maxImagePixels)) is { } problem) return problem;
            using var stream = File.OpenRead(path);
            using var image = MLImage.CreateFromStream(stream);
            return image.Width > 0 && image.Height > 0 ? null : "the image has no pixels";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return NotAnImage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// What is wrong with an image file that its header shows, or null: as <see cref="Problem"/> (the same messages), but
    /// SkiaSharp's <c>SKCodec</c> only reads the header (format, width, height), so no pixel is decoded or allocated.
    /// </summary>
    public static string? HeaderProblem(string path, long maxImagePixels = Defaults.MaxImagePixels)
    {
        try
        {
            if (FileProblem(path) is { } problem) return problem;
            using var codec = SKCodec.Create(path);
            if (codec is null) return NotAnImage;
            if (codec.Info.Width <= 0 || codec.Info.Height <= 0) return "the image has no pixels";
            return PixelProblem(codec.Info.Width, codec.Info.Height, maxImagePixels);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return NotAnImage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>A path that names no readable, non-empty file.</summary>
    private static string? FileProblem(string path) =>
        string.IsNullOrWhiteSpace(path) ? "the image path is empty"
        : path.Contains('\0') ? "the image path contains a NUL character"
        : !File.Exists(path) ? "the file does not exist"
        : new FileInfo(path).Length == 0 ? "the file is empty (0 bytes)"
        : null;

    private const string NotAnImage = "the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated";

    /// <summary>
    /// A message when the header of <paramref name="path"/> announces more than <paramref name="maxImagePixels"/> pixels;
    /// null when it does not, or when SkiaSharp cannot read a header (decoding then says what is wrong).
    /// </summary>
    public static string? PixelProblem(string path, long maxImagePixels = Defaults.MaxImagePixels)
    {
        using var codec = SKCodec.Create(path);
        return codec is null ? null : PixelProblem(codec.Info.Width, codec.Info.Height, maxImagePixels);
    }

    private static string? PixelProblem(int width, int height, long maxImagePixels)
    {
        var pixels = (long)width * height;
        return pixels <= maxImagePixels ? null : string.Create(CultureInfo.InvariantCulture,
            $"the image is {width}x{height} = {pixels:N0} pixels, more than the limit of {maxImagePixels:N0} (a decompression bomb?); if it is genuine, raise the limit with --max-image-pixels (MaxImagePixels)");
    }
}
