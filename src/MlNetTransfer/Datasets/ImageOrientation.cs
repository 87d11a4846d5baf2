using SkiaSharp;

namespace MlNetTransfer.Datasets;

/// <summary>
/// EXIF orientation. Phones store most photos as the sensor saw them and write the turn a viewer must apply in the EXIF
/// <c>Orientation</c> tag (1..8). ML.NET's decoder (<c>LoadImages</c>, <see cref="Microsoft.ML.Data.MLImage"/>: SkiaSharp's
/// <c>SKBitmap.Decode</c>) ignores the tag and gives the pixels as stored (measured with ML.NET 5.0.1:
/// <c>Reliability/ExifOrientationTests</c>), so a photo shot upright reaches a backbone upside down or sideways. The
/// library's own paths (training, <c>featurize</c>, <c>evaluate</c>, <c>predict</c>) therefore hand the saved model's
/// stock steps an upright copy of every image whose tag is not 1 (<see cref="UprightImages"/>); an app that runs a saved
/// zip with ML.NET alone must pass upright images itself (<see cref="WriteUpright"/> makes one).
/// </summary>
public static class ImageOrientation
{
    /// <summary>
    /// The EXIF orientation of an image file, 1..8 (1 = stored upright), read from its header without decoding the
    /// pixels; 1 when the file has no such tag or is not an image SkiaSharp knows.
    /// </summary>
    public static int Read(string path)
    {
        try
        {
            using var codec = SKCodec.Create(path);
            var origin = codec is null ? 1 : (int)codec.EncodedOrigin;
            return origin is >= 1 and <= 8 ? origin : 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return 1;
        }
    }

    /// <summary>
    /// Decodes <paramref name="path"/> with the decoder ML.NET uses and writes its pixels turned as its EXIF orientation
    /// says, as a lossless PNG, to <paramref name="destination"/>: ML.NET then decodes the copy to exactly the upright
    /// pixels. The copy has no orientation tag.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file does not decode.</exception>
    public static void WriteUpright(string path, string destination)
    {
        using var upright = DecodeUpright(path);
        using var pixmap = upright.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 1))
            ?? throw new InvalidOperationException($"Could not write an upright copy of '{path}'.");
        using var file = File.Create(destination);
        data.SaveTo(file);
    }

    /// <summary>The pixels of <paramref name="path"/> as <c>SKBitmap.Decode</c> gives them, turned by its EXIF orientation.</summary>
    internal static SKBitmap DecodeUpright(string path)
    {
        var orientation = Read(path);
        var stored = SKBitmap.Decode(path) ?? throw new InvalidOperationException($"'{path}' does not decode.");
        if (orientation == 1) return stored;
        using (stored) return Turn(stored, orientation);
    }

    /// <summary>
    /// A copy of <paramref name="stored"/> as a viewer shows it for EXIF orientation <paramref name="orientation"/>: pixel
    /// bytes moved, never resampled, so the result is exact whatever the colour type.
    /// </summary>
    internal static SKBitmap Turn(SKBitmap stored, int orientation)
    {
        int w = stored.Width, h = stored.Height;
        var swap = orientation >= 5;
        var info = stored.Info;
        info.Width = swap ? h : w;
        info.Height = swap ? w : h;
        var turned = new SKBitmap(info);
        var bytes = stored.BytesPerPixel;
        var source = stored.GetPixelSpan();
        int sourceRow = stored.RowBytes, targetRow = turned.RowBytes;
        var target = new byte[targetRow * turned.Height];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var (tx, ty) = orientation switch
                {
                    2 => (w - 1 - x, y),            // mirrored left-right
                    3 => (w - 1 - x, h - 1 - y),    // turned 180 degrees
                    4 => (x, h - 1 - y),            // mirrored top-bottom
                    5 => (y, x),                    // transposed
                    6 => (h - 1 - y, x),            // turned 90 degrees clockwise
                    7 => (h - 1 - y, w - 1 - x),    // transversed
                    8 => (y, w - 1 - x),            // turned 90 degrees counter-clockwise
                    _ => (x, y),
                };
                source.Slice(y * sourceRow + x * bytes, bytes).CopyTo(target.AsSpan(ty * targetRow + tx * bytes, bytes));
            }
        System.Runtime.InteropServices.Marshal.Copy(target, 0, turned.GetPixels(), target.Length);
        turned.NotifyPixelsChanged();
        return turned;
    }
}
