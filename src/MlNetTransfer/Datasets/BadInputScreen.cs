using System.Globalization;
using CsvHelper;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Finds a dataset's unreadable images before anything runs, and applies the <see cref="BadInputPolicy"/>:
/// <see cref="BadInputPolicy.Fail"/> stops with one message naming the first and counting them all;
/// <see cref="BadInputPolicy.Skip"/> returns the dataset without them. <see cref="WriteReport"/> lists skipped inputs.
/// </summary>
public static class BadInputScreen
{
    /// <summary>The file name of the report written next to <paramref name="output"/> (a model zip, a features or predictions file).</summary>
    public static string ReportPathFor(string output) => Path.ChangeExtension(Path.GetFullPath(output), null) + ".bad-inputs.csv";

    /// <summary>
    /// Finds the bad images of <paramref name="dataset"/>'s image columns (missing, empty, not-an-image, cut-short or too large
    /// files; text and numeric columns are not checked) and applies <paramref name="policy"/>. With
    /// <see cref="BadInputPolicy.Fail"/> only the headers are read, nothing is decoded: the workflows' passes decode each image
    /// once and stop at one whose pixel data fails to decode behind a sound header, naming its file and row. With
    /// <see cref="BadInputPolicy.Skip"/> every image is decoded here, so that such an image is left out too rather than
    /// stopping the run (the price: those images are decoded twice).
    /// </summary>
    /// <param name="dataset">The loaded data; a CSV naming missing images must have been loaded with <see cref="DatasetOptions.OnBadInput"/> = <see cref="BadInputPolicy.Skip"/> for them to reach the screen.</param>
    /// <param name="policy">What to do with bad examples.</param>
    /// <param name="cancellation">Stops the scan between images.</param>
    /// <param name="maxImagePixels">Images whose header announces more pixels are bad (refused before decoding); default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <returns>
    /// The dataset without the rows that have a bad image (the same instance when none is bad), and every bad input found
    /// (one per bad cell, so a row with two bad images appears twice), in row order.
    /// </returns>
    /// <exception cref="UserInputException">
    /// With <see cref="BadInputPolicy.Fail"/>: any bad input; the message names the first (file, and for a CSV its row and
    /// column) and counts the unreadable examples. With <see cref="BadInputPolicy.Skip"/>: every example is bad.
    /// </exception>
    public static (Dataset Clean, IReadOnlyList<BadInput> Bad) Screen(Dataset dataset, BadInputPolicy policy, CancellationToken cancellation = default,
        long maxImagePixels = Defaults.MaxImagePixels)
    {
        var bad = ImageCheck.FindBad(dataset, cancellation, maxImagePixels, decode: policy == BadInputPolicy.Skip);
        if (bad.Count == 0) return (dataset, bad);
        var keep = Apply(bad, dataset.Count, policy, bad[0].Describe(dataset), "examples", "pass --on-bad-input skip", $"Every example of '{dataset.Source}'");
        return (dataset.Subset(keep), bad);
    }

    /// <summary>
    /// The policy applied to the bad inputs <paramref name="bad"/> (non-empty, in row order) of <paramref name="rowCount"/>
    /// rows: with <see cref="BadInputPolicy.Fail"/> a <see cref="UserInputException"/> naming the first
    /// (<paramref name="first"/>, a phrase) and counting the bad <paramref name="rows"/>; with <see cref="BadInputPolicy.Skip"/>
    /// the rows to keep, in order (a <see cref="UserInputException"/> when none is left). The one rule for every screen.
    /// </summary>
    internal static IReadOnlyList<int> Apply(IReadOnlyList<BadInput> bad, int rowCount, BadInputPolicy policy, string first, string rows, string howToSkip, string everyRow)
    {
        if (policy == BadInputPolicy.Fail)
        {
            var count = bad.Select(b => b.Row).Distinct().Count();
            throw new UserInputException($"{MessageText.Capitalized(first)}" +
                (count > 1 ? $" ({count} unreadable {rows} in all)" : "") +
                $". Fix or remove it, or {howToSkip} to leave unreadable {rows} out.");
        }
        var badRows = bad.Select(b => b.Row).ToHashSet();
        var keep = Enumerable.Range(0, rowCount).Where(r => !badRows.Contains(r)).ToList();
        if (keep.Count == 0)
            throw new UserInputException($"{everyRow} is unreadable; the first: {first}.");
        return keep;
    }

    /// <summary>
    /// Writes <c>data,row,column,path,problem</c> for every skipped input to <paramref name="reportPath"/> atomically, or
    /// deletes an old report there when nothing was skipped (so a report never describes an earlier run).
    /// </summary>
    public static void WriteReport(string reportPath, IEnumerable<(Dataset Data, BadInput Bad)> skipped)
    {
        var rows = skipped.ToList();
        if (rows.Count == 0)
        {
            if (File.Exists(reportPath)) File.Delete(reportPath);
            return;
        }
        AtomicFile.Write(reportPath, stream =>
        {
            using var writer = new StreamWriter(stream);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var field in new[] { "data", "row", "column", "path", "problem" }) csv.WriteField(field);
            csv.NextRecord();
            foreach (var (data, bad) in rows)
            {
                foreach (var field in new[] { data.Source, bad.Id, bad.Column, bad.Path, bad.Problem }) csv.WriteField(field);
                csv.NextRecord();
            }
        });
    }
}
