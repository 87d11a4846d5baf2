namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// The classical feature vector of a square RGB image of S x S pixels (S a multiple of 8, <see cref="MinSize"/> to
/// <see cref="MaxSize"/>): <see cref="Length"/> = 1,868 floats whatever S is, concatenated in this order:
/// <list type="table">
/// <item><term>[0, 48)</term><description>colour histogram: R, G, B, each 16 bins of width 16 over 0..255, the fraction of pixels per bin;</description></item>
/// <item><term>[48, 64)</term><description>Sobel edge magnitude (<see cref="SobelFilter.Magnitude(double[,])"/> of the gray image, in [0, 1]): 16 bins over [0, 1], fraction of pixels;</description></item>
/// <item><term>[64, 76)</term><description>Sobel edge orientation: <c>atan2(sobel_h, sobel_v)</c> folded into [0, π), 12 bins of 15°, each pixel weighted by its
/// edge magnitude, divided by the total magnitude (all 0 on a flat image);</description></item>
/// <item><term>[76, 86)</term><description>uniform LBP, P = 8, R = 1 (<see cref="LocalBinaryPatterns"/>): codes 0..9, fraction of pixels;</description></item>
/// <item><term>[86, 104)</term><description>uniform LBP, P = 16, R = 2: codes 0..17, fraction of pixels;</description></item>
/// <item><term>[104, 1868)</term><description>HOG (<see cref="HistogramOfOrientedGradients"/>): 9 orientations, cells of S/8 x S/8 pixels
/// (8 x 8 cells), blocks of 2 x 2 cells, L2-Hys: 7 x 7 blocks x 4 cells x 9 = 1,764 values.</description></item>
/// </list>
/// Gray is <see cref="Grayscale"/> (scikit-image's <c>rgb2gray</c>: 0.2125 R + 0.7154 G + 0.0721 B, in [0, 1]); HOG is
/// computed on it with <c>channel_axis=None</c>. The histograms follow numpy's <c>np.histogram</c> binning. The reference is
/// <c>classical_features</c> in <c>tests/MlNetTransfer.Tests/ClassicalVision/Fixtures/make_classical_fixtures.py</c>
/// (scikit-image 0.19.3); the vector equals it to 1e-4 (tested). Every value is in [0, 1].
/// </summary>
public static class ClassicalImageFeatures
{
    /// <summary>Values per image.</summary>
    public const int Length = ColourLength + EdgeMagnitudeBins + EdgeOrientationBins + (8 + 2) + (16 + 2) + HogLength;

    /// <summary>The smallest image side.</summary>
    public const int MinSize = 16;

    /// <summary>The largest image side.</summary>
    public const int MaxSize = 512;

    /// <summary>The default image side: 64 x 64 pixels.</summary>
    public const int DefaultSize = 64;

    private const int ColourBins = 16;
    private const int ColourLength = 3 * ColourBins;
    private const int EdgeMagnitudeBins = 16;
    private const int EdgeOrientationBins = 12;
    private const int HogOrientations = 9;
    private const int HogCells = 8;
    private const int HogCellsPerBlock = 2;
    private const int HogLength = (HogCells - HogCellsPerBlock + 1) * (HogCells - HogCellsPerBlock + 1) * HogCellsPerBlock * HogCellsPerBlock * HogOrientations;

    private static readonly (int Points, double Radius)[] LbpSettings = [(8, 1), (16, 2)];
    private static readonly UniformBins ColourBinning = new(ColourBins, 0, 256);
    private static readonly UniformBins MagnitudeBinning = new(EdgeMagnitudeBins, 0, 1);
    private static readonly UniformBins OrientationBinning = new(EdgeOrientationBins, 0, Math.PI);

    /// <summary>
    /// The blocks of the vector in order, each a name and a length: <c>colour</c> 48, <c>sobel-magnitude</c> 16,
    /// <c>sobel-orientation</c> 12, <c>lbp-8-1</c> 10, <c>lbp-16-2</c> 18, <c>hog</c> 1,764.
    /// </summary>
    public static IReadOnlyList<(string Name, int Length)> Blocks { get; } =
    [
        ("colour", ColourLength), ("sobel-magnitude", EdgeMagnitudeBins), ("sobel-orientation", EdgeOrientationBins),
        ("lbp-8-1", 8 + 2), ("lbp-16-2", 16 + 2), ("hog", HogLength),
    ];

    /// <summary>What is wrong with <paramref name="size"/> as an image side, as a phrase; null when it is usable.</summary>
    /// <param name="size">The proposed side in pixels.</param>
    public static string? SizeProblem(int size) =>
        size is < MinSize or > MaxSize || size % HogCells != 0
            ? $"the image size must be a multiple of 8 from {MinSize} to {MaxSize} pixels (got {size})"
            : null;

    /// <summary>The side S of square planar RGB pixels of <paramref name="pixelCount"/> values (3·S·S), or null when it is no usable size.</summary>
    /// <param name="pixelCount">The number of values.</param>
    public static int? SizeOf(int pixelCount)
    {
        if (pixelCount <= 0 || pixelCount % 3 != 0) return null;
        var size = (int)Math.Round(Math.Sqrt(pixelCount / 3.0));
        return size * size * 3 == pixelCount && SizeProblem(size) is null ? size : null;
    }

    /// <summary>The feature vector of an image given as ML.NET's <c>ExtractPixels</c> default output.</summary>
    /// <param name="planarRgb">3 x S x S values, 0..255: the red plane row by row, then green, then blue.</param>
    /// <param name="features">Receives the <see cref="Length"/> values.</param>
    /// <exception cref="ArgumentException">The pixels are not 3 x S x S for a usable S, or <paramref name="features"/> is not <see cref="Length"/> long.</exception>
    public static void Compute(ReadOnlySpan<float> planarRgb, Span<float> features)
    {
        var size = SizeOf(planarRgb.Length)
            ?? throw new ArgumentException($"Expected 3 x S x S planar RGB values with S a multiple of 8 from {MinSize} to {MaxSize}; got {planarRgb.Length} values.", nameof(planarRgb));
        if (features.Length != Length) throw new ArgumentException($"The features span must hold {Length} values, not {features.Length}.", nameof(features));
        var plane = size * size;
        var o = 0;

        for (var channel = 0; channel < 3; channel++)
        {
            var counts = new int[ColourBins];
            foreach (var v in planarRgb.Slice(channel * plane, plane))
                if (ColourBinning.Of(v) is var bin and >= 0) counts[bin]++;
            foreach (var count in counts) features[o++] = (float)((double)count / plane);
        }

        var gray = Grayscale.FromPlanarRgb(planarRgb, size, size);
        var horizontal = SobelFilter.Horizontal(gray);
        var vertical = SobelFilter.Vertical(gray);
        var magnitude = SobelFilter.Magnitude(horizontal, vertical);
        var magnitudeCounts = new int[EdgeMagnitudeBins];
        var orientationWeights = new double[EdgeOrientationBins];
        for (var r = 0; r < size; r++)
            for (var c = 0; c < size; c++)
            {
                var m = magnitude[r, c];
                if (MagnitudeBinning.Of(m) is var bin and >= 0) magnitudeCounts[bin]++;
                var theta = Math.Atan2(horizontal[r, c], vertical[r, c]);
                if (theta < 0) theta += Math.PI;
                if (theta >= Math.PI) theta -= Math.PI;
                if (OrientationBinning.Of(theta) is var angleBin and >= 0) orientationWeights[angleBin] += m;
            }
        foreach (var count in magnitudeCounts) features[o++] = (float)((double)count / plane);
        var totalWeight = orientationWeights.Sum();
        foreach (var weight in orientationWeights) features[o++] = totalWeight > 0 ? (float)(weight / totalWeight) : 0f;

        foreach (var (points, radius) in LbpSettings)
            foreach (var fraction in LocalBinaryPatterns.UniformHistogram(gray, points, radius))
                features[o++] = (float)fraction;

        foreach (var value in HistogramOfOrientedGradients.Compute(gray, HogOrientations, size / HogCells, HogCellsPerBlock))
            features[o++] = (float)value;
    }

    /// <summary>The feature vector of an image given as ML.NET's <c>ExtractPixels</c> default output, as a new array.</summary>
    /// <param name="planarRgb">3 x S x S values, 0..255.</param>
    /// <returns><see cref="Length"/> values.</returns>
    public static float[] Compute(ReadOnlySpan<float> planarRgb)
    {
        var features = new float[Length];
        Compute(planarRgb, features);
        return features;
    }
}
