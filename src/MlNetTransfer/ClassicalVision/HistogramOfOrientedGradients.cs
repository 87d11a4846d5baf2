namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// Histograms of oriented gradients (Dalal &amp; Triggs 2005, "Histograms of Oriented Gradients for Human Detection",
/// CVPR), exactly as scikit-image 0.19.3's <c>skimage.feature.hog(image, orientations, pixels_per_cell=(n, n),
/// cells_per_block=(b, b), block_norm='L2-Hys', transform_sqrt=False, feature_vector=True, channel_axis=None)</c>
/// computes them on a gray image (tested on fixtures to 1e-6):
/// <list type="number">
/// <item>gradients by central differences, <c>g_row = I[r+1, c] - I[r-1, c]</c>, <c>g_col = I[r, c+1] - I[r, c-1]</c>,
/// 0 on the first and last row (column);</item>
/// <item>magnitude <c>hypot(g_col, g_row)</c>, unsigned orientation <c>degrees(atan2(g_row, g_col)) mod 180</c>;</item>
/// <item>per cell of n x n pixels (the image's trailing rows and columns that fill no whole cell are left out) and per
/// orientation bin [180 i / k, 180 (i+1) / k), the sum of the magnitudes in the bin divided by n² (no interpolation
/// between bins or cells; the sum is accumulated in single precision, as scikit-image's Cython does);</item>
/// <item>blocks of b x b cells, sliding one cell at a time; each block's b·b·k values L2-Hys normalised: divided by
/// <c>sqrt(Σv² + 1e-10)</c>, clipped at 0.2, divided again by <c>sqrt(Σv² + 1e-10)</c>;</item>
/// <item>flattened in the order (block row, block column, cell row in block, cell column in block, orientation).</item>
/// </list>
/// </summary>
public static class HistogramOfOrientedGradients
{
    /// <summary>The number of values <see cref="Compute"/> returns for an image of <paramref name="rows"/> x <paramref name="cols"/>.</summary>
    /// <param name="rows">Image rows.</param>
    /// <param name="cols">Image columns.</param>
    /// <param name="orientations">Orientation bins.</param>
    /// <param name="pixelsPerCell">Cell side in pixels.</param>
    /// <param name="cellsPerBlock">Block side in cells.</param>
    /// <returns>blocks down x blocks across x cellsPerBlock² x orientations; 0 when the image holds less than one block.</returns>
    public static int Length(int rows, int cols, int orientations, int pixelsPerCell, int cellsPerBlock)
    {
        var blocksDown = rows / pixelsPerCell - cellsPerBlock + 1;
        var blocksAcross = cols / pixelsPerCell - cellsPerBlock + 1;
        return blocksDown <= 0 || blocksAcross <= 0 ? 0 : blocksDown * blocksAcross * cellsPerBlock * cellsPerBlock * orientations;
    }

    /// <summary>The HOG descriptor of a gray image.</summary>
    /// <param name="image">[rows, columns] gray image (any real values; [0, 1] here).</param>
    /// <param name="orientations">Orientation bins over [0°, 180°), positive. Default 9.</param>
    /// <param name="pixelsPerCell">Cell side in pixels (square cells), positive. Default 8.</param>
    /// <param name="cellsPerBlock">Block side in cells (square blocks), positive. Default 2.</param>
    /// <returns><see cref="Length"/> values in [0, 1] (each block's values have an L2 norm of 1, or are all 0).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A setting is not positive.</exception>
    /// <exception cref="ArgumentException">The image holds less than one block of cells.</exception>
    public static double[] Compute(double[,] image, int orientations = 9, int pixelsPerCell = 8, int cellsPerBlock = 2)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(orientations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelsPerCell);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellsPerBlock);
        var (rows, cols) = (image.GetLength(0), image.GetLength(1));
        if (Length(rows, cols, orientations, pixelsPerCell, cellsPerBlock) == 0)
            throw new ArgumentException($"A {rows}x{cols} image holds no block of {cellsPerBlock}x{cellsPerBlock} cells of {pixelsPerCell}x{pixelsPerCell} pixels.", nameof(image));

        var (magnitude, orientation) = Gradients(image);
        var cells = CellHistograms(magnitude, orientation, orientations, pixelsPerCell);
        return NormalizedBlocks(cells, cellsPerBlock);
    }

    /// <summary>Magnitude and orientation (degrees in [0, 180], as numpy's <c>% 180</c> gives them) of the central-difference gradients.</summary>
    private static (double[,] Magnitude, double[,] Orientation) Gradients(double[,] image)
    {
        var (rows, cols) = (image.GetLength(0), image.GetLength(1));
        var magnitude = new double[rows, cols];
        var orientation = new double[rows, cols];
        const double toDegrees = 180.0 / Math.PI;
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var gRow = r == 0 || r == rows - 1 ? 0.0 : image[r + 1, c] - image[r - 1, c];
                var gCol = c == 0 || c == cols - 1 ? 0.0 : image[r, c + 1] - image[r, c - 1];
                magnitude[r, c] = double.Hypot(gCol, gRow);
                orientation[r, c] = PythonModulo(Math.Atan2(gRow, gCol) * toDegrees, 180.0);
            }
        return (magnitude, orientation);
    }

    /// <summary>numpy's float remainder (<c>np.remainder</c>, <c>%</c>): the sign of the divisor.</summary>
    private static double PythonModulo(double a, double b)
    {
        var mod = a % b; // C's fmod
        if (mod != 0)
        {
            if (b < 0 != mod < 0) mod += b;
        }
        else mod = b < 0 ? -0.0 : 0.0;
        return mod;
    }

    /// <summary>
    /// scikit-image's <c>hog_histograms</c>: [cells down, cells across, orientations]. scikit-image walks the image once per
    /// bin; one walk that finds each pixel's bin adds the same magnitudes in the same order to each (cell, bin) sum.
    /// </summary>
    private static double[,,] CellHistograms(double[,] magnitude, double[,] orientation, int orientations, int cell)
    {
        var (rows, cols) = (magnitude.GetLength(0), magnitude.GetLength(1));
        var (cellsDown, cellsAcross) = (rows / cell, cols / cell);
        var histogram = new double[cellsDown, cellsAcross, orientations];
        var perBin = 180.0 / orientations;
        var binStarts = new double[orientations + 1];
        for (var i = 0; i <= orientations; i++) binStarts[i] = perBin * i;
        var totals = new float[orientations];
        for (var cellRow = 0; cellRow < cellsDown; cellRow++)
            for (var cellCol = 0; cellCol < cellsAcross; cellCol++)
            {
                Array.Clear(totals);
                // scikit-image centres a cell at cell/2 and reads offsets -(cell/2) .. (cell+1)/2 - 1: the cell's own pixels.
                for (var r = cellRow * cell; r < (cellRow + 1) * cell; r++)
                    for (var c = cellCol * cell; c < (cellCol + 1) * cell; c++)
                    {
                        var bin = BinOf(orientation[r, c], binStarts, perBin);
                        // The sum is a C float in scikit-image's Cython (float += double).
                        if (bin >= 0) totals[bin] = (float)(totals[bin] + magnitude[r, c]);
                    }
                for (var i = 0; i < orientations; i++) histogram[cellRow, cellCol, i] = totals[i] / (float)(cell * cell);
            }
        return histogram;
    }

    /// <summary>
    /// The bin i with <c>180 i / k &lt;= o &lt; 180 (i+1) / k</c> (scikit-image's test, edges computed as it computes them),
    /// or -1 when there is none (o = 180, which numpy's <c>% 180</c> can give for a tiny negative angle, or NaN).
    /// </summary>
    private static int BinOf(double o, double[] binStarts, double perBin)
    {
        var count = binStarts.Length - 1;
        if (!(o >= 0)) return -1;
        var guess = Math.Min((int)(o / perBin), count - 1);
        for (var i = Math.Max(guess - 1, 0); i <= Math.Min(guess + 1, count - 1); i++)
            if (!(o >= binStarts[i + 1] || o < binStarts[i])) return i;
        return -1;
    }

    /// <summary>Blocks of cells, each L2-Hys normalised, flattened.</summary>
    private static double[] NormalizedBlocks(double[,,] cells, int block)
    {
        var (cellsDown, cellsAcross, orientations) = (cells.GetLength(0), cells.GetLength(1), cells.GetLength(2));
        var (blocksDown, blocksAcross) = (cellsDown - block + 1, cellsAcross - block + 1);
        var blockSize = block * block * orientations;
        var result = new double[blocksDown * blocksAcross * blockSize];
        const double epsilonSquared = 1e-5 * 1e-5;
        var values = new double[blockSize];
        var o = 0;
        for (var br = 0; br < blocksDown; br++)
            for (var bc = 0; bc < blocksAcross; bc++)
            {
                var k = 0;
                for (var r = 0; r < block; r++)
                    for (var c = 0; c < block; c++)
                        for (var i = 0; i < orientations; i++)
                            values[k++] = cells[br + r, bc + c, i];
                var norm = Math.Sqrt(SumOfSquares(values) + epsilonSquared);
                for (var j = 0; j < blockSize; j++) values[j] = Math.Min(values[j] / norm, 0.2);
                norm = Math.Sqrt(SumOfSquares(values) + epsilonSquared);
                for (var j = 0; j < blockSize; j++) result[o++] = values[j] / norm;
            }
        return result;
    }

    private static double SumOfSquares(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v * v;
        return sum;
    }
}
