using System.Collections.Concurrent;
using MlNetTransfer.Datasets;
using SkiaSharp;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// Copies of a data set's images with an <see cref="InputAlignment"/> applied, as lossless PNGs in a temporary folder
/// deleted on <see cref="Dispose"/>. The content is the pixels whose luminance differs by more than
/// <see cref="ContentThreshold"/> from the background's, taken as the median luminance of the image's border; an image
/// with no such pixel is kept whole. Padding uses the background colour; resampling is SkiaSharp's bilinear filter with
/// mipmaps (<c>SKFilterQuality.Medium</c>). Decoding and writing run in parallel; the ids of the rows do not change.
/// </summary>
public sealed class ContentAlignedImages : IDisposable
{
    /// <summary>Luminance difference (0–255) from the background above which a pixel is content.</summary>
    public const int ContentThreshold = 25;

    private readonly Lazy<string> _folder = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mlnet-transfer-aligned-{Guid.NewGuid():N}")).FullName);
    private int _next;

    /// <summary>
    /// <paramref name="dataset"/> with every image column's paths replaced by aligned copies (the same instance for
    /// <see cref="InputAlignment.None"/> or data without images); <paramref name="size"/> (width, height) is the
    /// resolution of <see cref="InputAlignment.CropPadResample"/> (see <see cref="NativeSize"/>).
    /// </summary>
    public Dataset Apply(Dataset dataset, InputAlignment alignment, (int Width, int Height)? size = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (alignment == InputAlignment.None || !dataset.Columns.Any(c => c.Role == ColumnRole.Image)) return dataset;
        if (alignment == InputAlignment.CropPadResample && size is not { Width: > 0, Height: > 0 })
            throw new ArgumentException("Resampling needs the target's width and height.", nameof(size));
        var columns = dataset.Columns.Select(column =>
        {
            if (column.Role != ColumnRole.Image) return column;
            var paths = new string[column.Values.Count];
            Parallel.For(0, paths.Length, new ParallelOptions { CancellationToken = cancellation }, i => paths[i] = Write(column.Values[i], alignment, size));
            return column with { Values = paths };
        }).ToList();
        return dataset with { Columns = columns };
    }

    /// <summary>
    /// The median width and height of the images of <paramref name="dataset"/>'s image columns (read from their headers;
    /// unreadable ones skipped), or null when it has none.
    /// </summary>
    public static (int Width, int Height)? NativeSize(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sizes = new ConcurrentBag<(int, int)>();
        Parallel.ForEach(dataset.Columns.Where(c => c.Role == ColumnRole.Image).SelectMany(c => c.Values), path =>
        {
            using var codec = File.Exists(path) ? SKCodec.Create(path) : null;
            if (codec is { Info: { Width: > 0, Height: > 0 } info }) sizes.Add((info.Width, info.Height));
        });
        if (sizes.IsEmpty) return null;
        var widths = sizes.Select(s => s.Item1).Order().ToList();
        var heights = sizes.Select(s => s.Item2).Order().ToList();
        return (widths[widths.Count / 2], heights[heights.Count / 2]);
    }

    /// <summary>The content's bounding box (left, top, right, bottom exclusive) and the background colour of <paramref name="bitmap"/>.</summary>
    public static (SKRectI Box, SKColor Background) Content(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        int w = bitmap.Width, h = bitmap.Height;
        static int Luminance(SKColor c) => (299 * c.Red + 587 * c.Green + 114 * c.Blue) / 1000;
        var border = new List<SKColor>();
        for (var x = 0; x < w; x++) { border.Add(bitmap.GetPixel(x, 0)); border.Add(bitmap.GetPixel(x, h - 1)); }
        for (var y = 1; y < h - 1; y++) { border.Add(bitmap.GetPixel(0, y)); border.Add(bitmap.GetPixel(w - 1, y)); }
        var background = border.OrderBy(Luminance).ElementAt(border.Count / 2);
        var bg = Luminance(background);
        int left = w, top = h, right = -1, bottom = -1;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (Math.Abs(Luminance(bitmap.GetPixel(x, y)) - bg) > ContentThreshold)
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
        return (right < 0 ? new SKRectI(0, 0, w, h) : new SKRectI(left, top, right + 1, bottom + 1), background);
    }

    /// <summary><paramref name="bitmap"/> aligned as <paramref name="alignment"/> says (a new bitmap).</summary>
    public static SKBitmap Align(SKBitmap bitmap, InputAlignment alignment, (int Width, int Height)? size)
    {
        var (box, background) = Content(bitmap);
        var side = Math.Max(box.Width, box.Height);
        var square = new SKBitmap(side, side, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(square))
        {
            canvas.Clear(background);
            canvas.DrawBitmap(bitmap, box, SKRect.Create((side - box.Width) / 2, (side - box.Height) / 2, box.Width, box.Height));
        }
        if (alignment != InputAlignment.CropPadResample) return square;
        using (square)
            return square.Resize(new SKImageInfo(size!.Value.Width, size.Value.Height, SKColorType.Rgba8888, SKAlphaType.Premul), SKFilterQuality.Medium);
    }

    private string Write(string path, InputAlignment alignment, (int Width, int Height)? size)
    {
        using var bitmap = File.Exists(path) ? SKBitmap.Decode(path) : null;
        if (bitmap is null) return path; // the screen has named unreadable images already; leave the path for the same error
        using var aligned = Align(bitmap, alignment, size);
        var file = Path.Combine(_folder.Value, $"{Interlocked.Increment(ref _next)}.png");
        using (var data = aligned.Encode(SKEncodedImageFormat.Png, 100))
            AtomicFile.WriteBytes(file, data.ToArray());
        return file;
    }

    /// <summary>Deletes the copies.</summary>
    public void Dispose()
    {
        if (_folder.IsValueCreated && Directory.Exists(_folder.Value)) Directory.Delete(_folder.Value, recursive: true);
    }
}
