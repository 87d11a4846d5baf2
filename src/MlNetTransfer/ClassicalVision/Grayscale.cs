namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// RGB to gray as scikit-image's <c>skimage.color.rgb2gray</c> (0.19.3) computes it for an 8-bit image, to the bit:
/// each channel scaled to [0, 1] by multiplying with 1/255, then <c>Y = 0.2125 R + 0.7154 G + 0.0721 B</c>
/// (ITU-R BT.709 luma weights, summed left to right).
/// </summary>
public static class Grayscale
{
    /// <summary>The weight of red.</summary>
    public const double Red = 0.2125;

    /// <summary>The weight of green.</summary>
    public const double Green = 0.7154;

    /// <summary>The weight of blue.</summary>
    public const double Blue = 0.0721;

    /// <summary>The gray level in [0, 1] of one pixel given as 0..255 channel values.</summary>
    /// <param name="red">Red, 0..255.</param>
    /// <param name="green">Green, 0..255.</param>
    /// <param name="blue">Blue, 0..255.</param>
    public static double Of(double red, double green, double blue)
    {
        const double toUnit = 1.0 / 255;
        return red * toUnit * Red + green * toUnit * Green + blue * toUnit * Blue;
    }

    /// <summary>
    /// The gray image of planar RGB pixels as ML.NET's <c>ExtractPixels</c> lays them out by default (all red values
    /// row by row, then green, then blue; each 0..255).
    /// </summary>
    /// <param name="planarRgb">3 x <paramref name="height"/> x <paramref name="width"/> values, 0..255.</param>
    /// <param name="height">Rows.</param>
    /// <param name="width">Columns.</param>
    /// <returns>[<paramref name="height"/>, <paramref name="width"/>] gray levels in [0, 1].</returns>
    /// <exception cref="ArgumentException">The span's length is not 3 x height x width.</exception>
    public static double[,] FromPlanarRgb(ReadOnlySpan<float> planarRgb, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var plane = height * width;
        if (planarRgb.Length != 3 * plane)
            throw new ArgumentException($"Expected 3 x {height} x {width} = {3 * plane} planar RGB values, got {planarRgb.Length}.", nameof(planarRgb));
        var gray = new double[height, width];
        for (var r = 0; r < height; r++)
            for (var c = 0; c < width; c++)
            {
                var i = r * width + c;
                gray[r, c] = Of(planarRgb[i], planarRgb[plane + i], planarRgb[2 * plane + i]);
            }
        return gray;
    }
}
