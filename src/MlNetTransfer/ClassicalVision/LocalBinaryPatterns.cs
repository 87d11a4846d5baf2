using System.Numerics;

namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// Rotation-invariant uniform local binary patterns (Ojala, Pietikäinen &amp; Mäenpää 2002, "Multiresolution gray-scale
/// and rotation invariant texture classification with local binary patterns", IEEE TPAMI 24(7)), exactly as
/// scikit-image 0.19.3's <c>skimage.feature.local_binary_pattern(image, P, R, method='uniform')</c> computes them:
/// P neighbours on a circle of radius R (row offset <c>-R sin(2πp/P)</c>, column offset <c>R cos(2πp/P)</c>, each
/// rounded to 5 decimals), read with bilinear interpolation and 0 outside the image; a neighbour counts as 1 when
/// <c>neighbour - centre &gt;= 0</c>. A pattern with at most two 0/1 changes along p = 0..P-1 (scikit-image does not
/// count the change from the last neighbour back to the first) gets its number of ones, 0..P; any other gets P + 1.
/// Arithmetic follows scikit-image's in the same order, so codes equal its codes (tested on fixtures, ties included).
/// </summary>
public static class LocalBinaryPatterns
{
    /// <summary>The uniform LBP code of every pixel.</summary>
    /// <param name="image">[rows, columns] gray image (any real values; [0, 1] here).</param>
    /// <param name="points">P, the number of neighbours, 1..31.</param>
    /// <param name="radius">R, the circle's radius in pixels, positive.</param>
    /// <returns>[rows, columns] codes in 0..P+1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">P or R out of range.</exception>
    public static int[,] Uniform(double[,] image, int points, double radius)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (points is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(points), points, "P must be 1..31");
        if (!(radius > 0) || double.IsInfinity(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "R must be a positive number");
        var (rows, cols) = (image.GetLength(0), image.GetLength(1));
        // scikit-image's parameter R is a C float.
        double r32 = (float)radius;
        var rowOffsets = new double[points];
        var colOffsets = new double[points];
        for (var p = 0; p < points; p++)
        {
            var angle = 2 * Math.PI * p / points;
            rowOffsets[p] = Round5(-r32 * Math.Sin(angle));
            colOffsets[p] = Round5(r32 * Math.Cos(angle));
        }
        // Every pixel's neighbour p sits at (r + rowOffsets[p], c + colOffsets[p]); the floors, ceilings and fractions depend
        // on the row (column) and p only, so they are computed once per row (column), exactly as scikit-image computes
        // them per pixel. The image is read from a copy padded with zeros (scikit-image's mode 'C', cval 0).
        var margin = (int)Math.Ceiling(Math.Abs(r32)) + 1;
        var stride = cols + 2 * margin;
        var padded = new double[(rows + 2 * margin) * stride];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                padded[(r + margin) * stride + c + margin] = image[r, c];
        // Bit p of a pixel's pattern: neighbour p >= centre. Filled one neighbour at a time over the whole image.
        var patterns = new int[rows * cols];
        var rowAxis = new Axis[rows];
        var colAxis = new Axis[cols];
        for (var p = 0; p < points; p++)
        {
            for (var r = 0; r < rows; r++) rowAxis[r] = Axis.At(r + rowOffsets[p], margin);
            for (var c = 0; c < cols; c++) colAxis[c] = Axis.At(c + colOffsets[p], margin);
            var bit = 1 << p;
            for (var r = 0; r < rows; r++)
            {
                var ra = rowAxis[r];
                int low = ra.Low * stride, high = ra.High * stride, centreRow = (r + margin) * stride + margin;
                for (var c = 0; c < cols; c++)
                {
                    var ca = colAxis[c];
                    // scikit-image's bilinear_interpolation, in its order of operations, then its test texture - centre >= 0.
                    var top = ca.OneMinusFraction * padded[low + ca.Low] + ca.Fraction * padded[low + ca.High];
                    var bottom = ca.OneMinusFraction * padded[high + ca.Low] + ca.Fraction * padded[high + ca.High];
                    if (ra.OneMinusFraction * top + ra.Fraction * bottom - padded[centreRow + c] >= 0) patterns[r * cols + c] |= bit;
                }
            }
        }

        // Changes between neighbours p and p + 1 for p = 0..P-2 (not from the last back to the first, as in scikit-image).
        var changeMask = (1 << (points - 1)) - 1;
        var codes = new int[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var pattern = patterns[r * cols + c];
                var changes = BitOperations.PopCount((uint)((pattern ^ (pattern >> 1)) & changeMask));
                codes[r, c] = changes <= 2 ? BitOperations.PopCount((uint)pattern) : points + 1;
            }
        return codes;
    }

    /// <summary>
    /// The histogram of <see cref="Uniform"/> codes: P + 2 bins (code 0..P+1), each the fraction of the image's pixels
    /// with that code (they sum to 1).
    /// </summary>
    /// <param name="image">[rows, columns] gray image.</param>
    /// <param name="points">P, 1..31.</param>
    /// <param name="radius">R, positive.</param>
    /// <returns>P + 2 fractions.</returns>
    public static double[] UniformHistogram(double[,] image, int points, double radius)
    {
        var codes = Uniform(image, points, radius);
        var histogram = new double[points + 2];
        foreach (var code in codes) histogram[code]++;
        for (var i = 0; i < histogram.Length; i++) histogram[i] /= codes.Length;
        return histogram;
    }

    /// <summary>numpy's <c>np.round(x, 5)</c>: x · 10⁵ rounded half to even, divided by 10⁵.</summary>
    private static double Round5(double x) => Math.Round(x * 100000.0, MidpointRounding.ToEven) / 100000.0;

    /// <summary>
    /// One coordinate of a neighbour: floor and ceiling (as indices into the padded copy) and the fraction
    /// <c>x - floor(x)</c> with its complement <c>1 - fraction</c>, as scikit-image's interpolation computes them.
    /// </summary>
    private readonly record struct Axis(int Low, int High, double Fraction, double OneMinusFraction)
    {
        public static Axis At(double x, int margin)
        {
            var low = (long)Math.Floor(x);
            var high = (long)Math.Ceiling(x);
            var fraction = x - low;
            return new Axis((int)low + margin, (int)high + margin, fraction, 1 - fraction);
        }
    }
}
