namespace MlNetTransfer.ClassicalVision;

/// <summary>
/// The Sobel edge filters of scikit-image 0.19.3 (<c>skimage.filters.sobel_h</c>, <c>sobel_v</c>, <c>sobel</c>, no
/// mask): the 3x3 kernels <c>[1 2 1; 0 0 0; -1 -2 -1] / 4</c> and its transpose applied with
/// <c>scipy.ndimage.convolve</c> in <c>'reflect'</c> mode (the border pixel repeated: d c b a | a b c d | d c b a),
/// terms summed in scipy's order, so the results equal scikit-image's to the last bit on the same machine arithmetic
/// (tested to 1e-10). Images are [rows, columns] arrays of any real values (gray levels in [0, 1] here).
/// </summary>
public static class SobelFilter
{
    /// <summary>
    /// <c>sobel_h</c>: the response to horizontal edges, the row below minus the row above, each smoothed
    /// (1, 2, 1) / 4 along the row. For an image in [0, 1] the values are in [-1, 1].
    /// </summary>
    /// <param name="image">[rows, columns] image.</param>
    /// <returns>[rows, columns] responses.</returns>
    public static double[,] Horizontal(double[,] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (rows, cols) = (image.GetLength(0), image.GetLength(1));
        var result = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            int up = Reflect(r - 1, rows), down = Reflect(r + 1, rows);
            for (var c = 0; c < cols; c++)
            {
                int left = Reflect(c - 1, cols), right = Reflect(c + 1, cols);
                var sum = 0.0;
                sum += -0.25 * image[up, left];
                sum += -0.5 * image[up, c];
                sum += -0.25 * image[up, right];
                sum += 0.25 * image[down, left];
                sum += 0.5 * image[down, c];
                sum += 0.25 * image[down, right];
                result[r, c] = sum;
            }
        }
        return result;
    }

    /// <summary>
    /// <c>sobel_v</c>: the response to vertical edges, the column to the right minus the column to the left, each
    /// smoothed (1, 2, 1) / 4 along the column. For an image in [0, 1] the values are in [-1, 1].
    /// </summary>
    /// <param name="image">[rows, columns] image.</param>
    /// <returns>[rows, columns] responses.</returns>
    public static double[,] Vertical(double[,] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (rows, cols) = (image.GetLength(0), image.GetLength(1));
        var result = new double[rows, cols];
        for (var r = 0; r < rows; r++)
        {
            int up = Reflect(r - 1, rows), down = Reflect(r + 1, rows);
            for (var c = 0; c < cols; c++)
            {
                int left = Reflect(c - 1, cols), right = Reflect(c + 1, cols);
                var sum = 0.0;
                sum += -0.25 * image[up, left];
                sum += 0.25 * image[up, right];
                sum += -0.5 * image[r, left];
                sum += 0.5 * image[r, right];
                sum += -0.25 * image[down, left];
                sum += 0.25 * image[down, right];
                result[r, c] = sum;
            }
        }
        return result;
    }

    /// <summary>
    /// <c>sobel</c>: the edge magnitude <c>sqrt(h² + v²) / sqrt(2)</c> of <see cref="Horizontal"/> h and
    /// <see cref="Vertical"/> v (the root mean square over the two axes). For an image in [0, 1] the values are in [0, 1].
    /// </summary>
    /// <param name="image">[rows, columns] image.</param>
    /// <returns>[rows, columns] magnitudes.</returns>
    public static double[,] Magnitude(double[,] image) => Magnitude(Horizontal(image), Vertical(image));

    /// <summary>The edge magnitude of already computed <see cref="Horizontal"/> and <see cref="Vertical"/> responses of one image.</summary>
    /// <param name="horizontal">[rows, columns] <c>sobel_h</c> responses.</param>
    /// <param name="vertical">[rows, columns] <c>sobel_v</c> responses, the same shape.</param>
    /// <returns>[rows, columns] magnitudes.</returns>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double[,] Magnitude(double[,] horizontal, double[,] vertical)
    {
        ArgumentNullException.ThrowIfNull(horizontal);
        ArgumentNullException.ThrowIfNull(vertical);
        var (rows, cols) = (horizontal.GetLength(0), horizontal.GetLength(1));
        if (vertical.GetLength(0) != rows || vertical.GetLength(1) != cols)
            throw new ArgumentException($"The responses differ in shape: {rows}x{cols} and {vertical.GetLength(0)}x{vertical.GetLength(1)}.", nameof(vertical));
        var sqrt2 = Math.Sqrt(2.0);
        var result = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var h = horizontal[r, c];
                var v = vertical[r, c];
                result[r, c] = Math.Sqrt(0.0 + h * h + v * v) / sqrt2;
            }
        return result;
    }

    /// <summary>scipy.ndimage's 'reflect' boundary: index -1 reads 0, index n reads n - 1.</summary>
    private static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        if (i < 0) return -i - 1;
        if (i >= n) return 2 * n - i - 1;
        return i;
    }
}
