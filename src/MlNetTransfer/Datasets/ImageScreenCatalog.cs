using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Screening of image paths in any ML.NET pipeline: the check the CLI runs before any backbone (<see cref="ImageCheck"/>,
/// <see cref="BadInputScreen"/>), for a view an app loaded itself. ML.NET reads rows ahead on several threads, so a
/// corrupt image met while fitting surfaces as "Splitter/consolidator worker encountered exception while consuming source
/// data", naming no file; screened first, it is named, or left out.
/// </summary>
public static class ImageScreenCatalog
{
    /// <summary>
    /// Opens and decodes every image named by <paramref name="imagePathColumnName"/> with ML.NET's own decoder (the one
    /// <c>LoadImages</c> uses), in parallel, before anything else reads <paramref name="data"/>: a missing, empty,
    /// truncated, corrupt or non-image file is a bad input, and so is an image whose header announces more than
    /// <paramref name="maxImagePixels"/> pixels (refused before it is decoded). With <see cref="BadInputPolicy.Fail"/>
    /// the first bad input is an error naming its row and file; with <see cref="BadInputPolicy.Skip"/> the returned view
    /// leaves the rows with a bad image out (every column kept, rows in order; the same view when none is bad).
    /// </summary>
    /// <param name="catalog">The data catalog (<c>mlContext.Data</c>).</param>
    /// <param name="data">Any view with a text column of image paths.</param>
    /// <param name="imagePathColumnName">The column of image paths, as <c>LoadImages</c> reads it.</param>
    /// <param name="onBadInput">Stop at the first bad image (<see cref="BadInputPolicy.Fail"/>) or leave bad rows out (<see cref="BadInputPolicy.Skip"/>).</param>
    /// <param name="badInputs">
    /// Every bad image found, in row order: its row (<see cref="BadInput.Row"/>, the position in <paramref name="data"/>,
    /// counting from 0; <see cref="BadInput.Id"/> is the same number as text), the column, the file as it is read and
    /// what is wrong. Empty when all images are readable.
    /// </param>
    /// <param name="imageFolder">The folder relative paths are read from, as the <c>imageFolder</c> of <c>LoadImages</c>; null: paths are used as they are (relative to the current folder).</param>
    /// <param name="maxImagePixels">The most pixels (width x height, from the header) an image may have. Default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <param name="cancellation">Stops the scan between images.</param>
    /// <returns><paramref name="data"/> without the rows whose image is bad (<see cref="BadInputPolicy.Skip"/>); <paramref name="data"/> itself when none is.</returns>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no text column <paramref name="imagePathColumnName"/> (the message lists its columns).</exception>
    /// <exception cref="UserInputException">
    /// With <see cref="BadInputPolicy.Fail"/>: a bad image; the message names the first (row, column, file, problem) and
    /// counts the bad rows. With <see cref="BadInputPolicy.Skip"/>: every row is bad.
    /// </exception>
    public static IDataView ScreenImages(this DataOperationsCatalog catalog, IDataView data, string imagePathColumnName, BadInputPolicy onBadInput,
        out IReadOnlyList<BadInput> badInputs, string? imageFolder = null, long maxImagePixels = Defaults.MaxImagePixels, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(imagePathColumnName);
        var column = data.Schema.GetColumnOrNull(imagePathColumnName);
        if (column is not { Type: TextDataViewType })
            throw new ArgumentException(column is null
                ? $"The data has no column '{imagePathColumnName}' (its columns: {string.Join(", ", data.Schema.Where(c => !c.IsHidden).Select(c => c.Name))})."
                : $"Column '{imagePathColumnName}' is {column.Value.Type}, not text: it must hold image paths.", nameof(imagePathColumnName));

        var paths = new List<string>();
        using (var cursor = data.GetRowCursor([column.Value]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column.Value);
            var value = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                cancellation.ThrowIfCancellationRequested();
                getter(ref value);
                var path = value.ToString();
                // As LoadImages reads it: the folder combined with the path (an absolute path stays as it is).
                paths.Add(string.IsNullOrEmpty(imageFolder) || path.Length == 0 ? path : Path.Combine(imageFolder, path));
            }
        }
        var rows = Enumerable.Range(0, paths.Count).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var dataset = new Dataset("the data view", rows, null, [new DatasetColumn(imagePathColumnName, ColumnRole.Image, paths)]);
        var bad = ImageCheck.FindBad(dataset, cancellation, maxImagePixels);
        badInputs = bad;
        if (bad.Count == 0) return data;
        var keep = BadInputScreen.Apply(bad, paths.Count, onBadInput, Describe(bad[0]), "rows", "screen with BadInputPolicy.Skip", "Every row of the data");
        return new RowSubsetView(data, bad.Select(b => (long)b.Row).ToHashSet(), keep.Count);
    }

    /// <summary>One phrase naming a bad input of a data view: row (counting from 0), column, file and problem.</summary>
    private static string Describe(BadInput bad) =>
        $"row {bad.Row} of the data (counting from 0), column '{bad.Column}': could not read image '{bad.Path}': {bad.Problem}";
}
