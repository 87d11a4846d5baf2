using Microsoft.ML;

namespace MlNetTransfer.Series;

/// <summary>
/// Catalog extensions for series features: <c>ml.Transforms.ExtractSeriesFeatures("Features", "Series",
/// SeriesFeaturesOptions.Fft)</c> or, for numeric columns read as one series, <c>ml.Transforms.ExtractSeriesFeatures("Features",
/// ["s1", "s2", "s3"], SeriesFeaturesOptions.WaveletDb4)</c>. Chain several (stats, fft, wavelet) and concatenate them
/// for more than one kind.
/// </summary>
public static class SeriesFeaturesCatalog
{
    /// <summary>
    /// Features of the series in the text column <paramref name="inputColumnName"/> (default: the output column's
    /// name; one series per row: numbers separated by ';', or by spaces, <see cref="SeriesText"/>), or in the Single
    /// vector column of that name, into <paramref name="outputColumnName"/>: a known-size <c>Vector&lt;Single&gt;</c> of
    /// <see cref="SeriesFeaturesOptions.Count"/> features named by <see cref="SeriesFeaturesOptions.FeatureNames"/>
    /// (definitions and their numpy / scipy / PyWavelets sources: <see cref="SeriesFeatures"/>). Series may have different
    /// lengths; the saved model needs the MlNetTransfer assembly to load (see <see cref="SeriesFeaturesEstimator"/>).
    /// </summary>
    /// <param name="catalog">The transforms catalog, <c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">The features column to create.</param>
    /// <param name="inputColumnName">The series column (default: <paramref name="outputColumnName"/>).</param>
    /// <param name="options">Which features and their settings (default: <see cref="SeriesFeaturesOptions.Stats"/>).</param>
    /// <exception cref="UserInputException">A name is empty or the options are invalid (every problem listed).</exception>
    public static SeriesFeaturesEstimator ExtractSeriesFeatures(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, SeriesFeaturesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SeriesFeaturesEstimator(catalog, outputColumnName, [inputColumnName ?? outputColumnName], options ?? SeriesFeaturesOptions.Stats);
    }

    /// <summary>
    /// Features of the series made of the Single columns <paramref name="inputColumnNames"/> taken in that order (one
    /// value per column, or the values of a vector column; <c>s1, s2, s3</c> of a CSV), into
    /// <paramref name="outputColumnName"/>, as the other overload describes. A missing value (NaN) in a row is an error
    /// naming the columns when the row is transformed.
    /// </summary>
    /// <param name="catalog">The transforms catalog, <c>mlContext.Transforms</c>.</param>
    /// <param name="outputColumnName">The features column to create.</param>
    /// <param name="inputColumnNames">The columns of the series, in order.</param>
    /// <param name="options">Which features and their settings (default: <see cref="SeriesFeaturesOptions.Stats"/>).</param>
    /// <exception cref="UserInputException">No column is given, a name is empty, or the options are invalid.</exception>
    public static SeriesFeaturesEstimator ExtractSeriesFeatures(this TransformsCatalog catalog, string outputColumnName,
        IReadOnlyList<string> inputColumnNames, SeriesFeaturesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(inputColumnNames);
        return new SeriesFeaturesEstimator(catalog, outputColumnName, inputColumnNames, options ?? SeriesFeaturesOptions.Stats);
    }
}
