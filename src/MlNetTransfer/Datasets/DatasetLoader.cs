using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Loads a dataset from a folder with one sub-folder per class (<c>&lt;dir&gt;/&lt;class&gt;/*.png|jpg|jpeg|bmp|gif|webp</c>),
/// an unlabelled folder of images, or a CSV with a header. Every problem is a <see cref="UserInputException"/>
/// naming the file, row and column.
/// </summary>
public static class DatasetLoader
{
    /// <summary>File extensions recognised as images.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Loads <paramref name="path"/>: a folder with one sub-folder per class (labels = sub-folder names, ids = absolute image
    /// paths, one image column <see cref="Dataset.ImagePathColumn"/>), a folder of loose images (unlabelled; only when
    /// <see cref="DatasetOptions.RequireLabels"/> is false), or a <c>.csv</c> file with a header row (UTF-8, comma-separated,
    /// ids = 1-based row numbers). CSV image paths are resolved against the CSV's folder; empty numeric cells become NaN
    /// (missing values). Rows are in file order; a folder's images in ordinal path order.
    /// </summary>
    /// <param name="path">The folder or CSV file, absolute or relative to the current directory.</param>
    /// <param name="options">Which CSV columns play which role, the label column, the bad-input policy; null for the defaults (detect every column, labels required, fail on a missing image).</param>
    /// <exception cref="UserInputException">
    /// The path is empty, missing, or neither a folder nor a .csv; a folder has no images, mixes class folders with loose
    /// images, or has no class folders when labels are required; a CSV is empty, not UTF-8, malformed, has a duplicate or
    /// empty header name, a row with the wrong number of fields, no rows, a missing named or label column, an empty label,
    /// a non-numeric or infinite number, or an empty, NUL-containing or missing image path (unless skipped). Each message
    /// names the file, and the row and column where there is one.
    /// </exception>
    public static Dataset Load(string path, DatasetOptions? options = null)
    {
        options ??= new DatasetOptions();
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException("A data path is required.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return LoadFolder(full, options);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"Data '{full}' is neither a folder of images nor a .csv file.");
            return LoadCsv(full, options);
        }
        throw new UserInputException($"Data '{full}' does not exist.");
    }

    /// <summary>Whether <paramref name="value"/> ends in one of <see cref="ImageExtensions"/> (case-insensitive, surrounding white space ignored). Only the name is checked: the file need not exist.</summary>
    public static bool IsImagePath(string value) => ImageExtensions.Contains(Path.GetExtension(value.Trim()));

    private static Dataset LoadFolder(string dir, DatasetOptions options)
    {
        var classDirs = Directory.GetDirectories(dir).Order(StringComparer.Ordinal).ToList();
        var loose = ImagesIn(dir);
        var ids = new List<string>();
        var labels = new List<string>();
        foreach (var classDir in classDirs)
        {
            var images = ImagesIn(classDir);
            ids.AddRange(images);
            labels.AddRange(images.Select(_ => Path.GetFileName(classDir)));
        }
        if (ids.Count > 0 && loose.Count > 0)
            throw new UserInputException($"Data folder '{dir}' mixes class sub-folders with loose images (for example '{Path.GetFileName(loose[0])}'): put every image in its class folder.");
        if (ids.Count == 0)
        {
            if (loose.Count == 0)
                throw new UserInputException($"Data folder '{dir}' has no images: expected <dir>/<class>/*.png|jpg|jpeg|bmp|gif|webp.");
            if (options.RequireLabels)
                throw new UserInputException($"Data folder '{dir}' has images but no class sub-folders: labelled data needs one sub-folder per class (<dir>/<class>/*.png).");
            return new Dataset(dir, loose, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, loose)]);
        }
        return new Dataset(dir, ids, labels, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, ids)]);
    }

    private static List<string> ImagesIn(string dir) =>
        Directory.GetFiles(dir).Where(IsImagePath).Order(StringComparer.Ordinal).ToList();

    private static Dataset LoadCsv(string file, DatasetOptions options)
    {
        var (header, rows) = ReadCsv(file);
        var baseDir = Path.GetDirectoryName(file)!;

        string? labelName = options.LabelColumn is not null
            ? header.FirstOrDefault(h => h == options.LabelColumn)
              ?? throw new UserInputException($"'{file}' has no label column '{options.LabelColumn}'.{Suggestion(options.LabelColumn, header)} Columns: {string.Join(", ", header)}.")
            : header.FirstOrDefault(h => string.Equals(h, "label", StringComparison.OrdinalIgnoreCase));
        if (labelName is null && options.RequireLabels)
            throw new UserInputException($"'{file}' has no column named 'label': name the label column with --label.{Suggestion("label", header)} Columns: {string.Join(", ", header)}.");

        foreach (var named in options.ImageColumns.Concat(options.TextColumns).Concat(options.NumericColumns))
            if (!header.Contains(named))
                throw new UserInputException($"'{file}' has no column '{named}'.{Suggestion(named, header)} Columns: {string.Join(", ", header)}.");
        if (labelName is not null && header.Contains(Dataset.LabelColumn) && labelName != Dataset.LabelColumn)
            throw new UserInputException($"'{file}': column '{Dataset.LabelColumn}' is reserved for the label, but the label is '{labelName}'; rename the column.");

        var explicitRoles = options.ImageColumns.Select(c => (c, ColumnRole.Image))
            .Concat(options.TextColumns.Select(c => (c, ColumnRole.Text)))
            .Concat(options.NumericColumns.Select(c => (c, ColumnRole.Numeric)))
            .ToDictionary(p => p.c, p => p.Item2);
        var anyExplicit = explicitRoles.Count > 0;

        var columns = new List<DatasetColumn>();
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c];
            if (name == labelName) continue;
            var values = rows.Select(r => r[c]).ToList();
            ColumnRole role;
            if (explicitRoles.TryGetValue(name, out var given)) role = given;
            else if (anyExplicit) continue; // when columns are named, the others are left out
            else role = Detect(values);
            columns.Add(role switch
            {
                ColumnRole.Numeric => new DatasetColumn(name, role, values, values.Select((v, r) => ParseNumber(file, r, name, v)).ToList()),
                ColumnRole.Image => new DatasetColumn(name, role, values.Select((v, r) => ResolveImage(file, baseDir, r, name, v, options.OnBadInput)).ToList()),
                _ => new DatasetColumn(name, role, values),
            });
        }
        if (columns.Count == 0)
            throw new UserInputException($"'{file}' has no feature columns besides the label.");

        List<string>? labels = null;
        if (labelName is not null)
        {
            var li = header.IndexOf(labelName);
            labels = rows.Select((r, i) => string.IsNullOrWhiteSpace(r[li])
                ? throw new UserInputException($"'{file}' row {i + 1}: the label column '{labelName}' is empty.")
                : r[li].Trim()).ToList();
        }
        var ids = Enumerable.Range(1, rows.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        return new Dataset(file, ids, labels, columns);
    }

    private static (List<string> Header, List<string[]> Rows) ReadCsv(string file)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, BadDataFound = null };
        // Strict UTF-8: bytes that are not UTF-8 stop the load with the row, instead of silently becoming U+FFFD.
        using var reader = new StreamReader(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, config);
        try
        {
            if (!parser.Read()) throw new UserInputException($"'{file}' is empty: expected a header row.");
            var header = parser.Record!.Select(h => h.Trim()).ToList();
            var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new UserInputException($"'{file}': the header names column '{duplicate.Key}' twice.");
            if (header.Any(string.IsNullOrEmpty)) throw new UserInputException($"'{file}': the header has an empty column name.");
            var rows = new List<string[]>();
            while (parser.Read())
            {
                var record = parser.Record!;
                if (record.Length == 1 && record[0].Length == 0) continue; // blank line
                if (record.Length != header.Count)
                    throw new UserInputException($"'{file}' row {rows.Count + 1}: expected {header.Count} fields as in the header, found {record.Length}.");
                rows.Add(record);
            }
            if (rows.Count == 0) throw new UserInputException($"'{file}' has a header but no rows.");
            return (header, rows);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw NotUtf8(file);
        }
        catch (CsvHelperException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            throw NotUtf8(file);
        }
        catch (CsvHelperException e)
        {
            throw new UserInputException($"'{file}' is not a valid CSV near row {parser.Row - 1}: {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>The error for a CSV that is not UTF-8, naming the first line with bytes that are not (the reader decodes ahead, so it cannot say).</summary>
    private static UserInputException NotUtf8(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var line = 1;
        for (int start = 0, end; start < bytes.Length; start = end + 1, line++)
        {
            end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) end = bytes.Length;
            try
            {
                strict.GetCharCount(bytes, start, end - start);
            }
            catch (System.Text.DecoderFallbackException)
            {
                var where = line == 1 ? "line 1 (the header)" : $"line {line} (row {line - 1})";
                return new UserInputException($"'{file}' {where}: the text is not valid UTF-8; save the file as UTF-8 (for example: iconv -f latin1 -t utf-8).");
            }
        }
        return new UserInputException($"'{file}': the text is not valid UTF-8; save the file as UTF-8 (for example: iconv -f latin1 -t utf-8).");
    }

    private static ColumnRole Detect(IReadOnlyList<string> values)
    {
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (present.Count > 0 && present.All(v => float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            return ColumnRole.Numeric;
        if (present.Count > 0 && present.All(IsImagePath)) return ColumnRole.Image;
        return ColumnRole.Text;
    }

    private static float ParseNumber(string file, int row, string column, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return float.NaN;
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': expected a number, found '{value}'.");
        // NaN is a missing value (replaced by the column mean); an infinity has no mean to stand in for.
        if (float.IsInfinity(number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': expected a finite number, found '{value}' (leave the cell empty or write NaN for a missing value).");
        return number;
    }

    private static string ResolveImage(string file, string baseDir, int row, string column, string value, BadInputPolicy policy)
    {
        var skip = policy == BadInputPolicy.Skip;
        if (string.IsNullOrWhiteSpace(value))
            return skip ? "" : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': the image path is empty.");
        if (value.Contains('\0'))
            return skip ? value : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': the image path contains a NUL character.");
        var path = Path.GetFullPath(Path.Combine(baseDir, value.Trim()));
        return File.Exists(path) || skip
            ? path
            : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': image file '{path}' does not exist.");
    }

    /// <summary>" Did you mean 'x'?" for the header name closest to a misspelled one (edit distance at most 2, or a third of its length), else "".</summary>
    private static string Suggestion(string wanted, IReadOnlyList<string> header)
    {
        var best = header.Select(h => (Name: h, Distance: EditDistance(wanted.ToLowerInvariant(), h.ToLowerInvariant())))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, wanted.Length / 3) ? $" Did you mean '{best.Name}'?" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
