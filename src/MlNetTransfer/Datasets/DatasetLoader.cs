using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MlNetTransfer.Series;

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
    /// paths, one image column <see cref="Dataset.ImagePathColumn"/>; files without an image extension are left out and
    /// counted in <see cref="Dataset.Notes"/>), a folder of loose images (unlabelled; only when
    /// <see cref="DatasetOptions.RequireLabels"/> is false), or a <c>.csv</c> / <c>.tsv</c> file with a header row (UTF-8;
    /// the separator is <see cref="DatasetOptions.Separator"/> or detected from the header: comma, semicolon or tab;
    /// ids = 1-based row numbers). CSV image paths are resolved against the CSV's folder (on Linux and macOS a path with
    /// Windows separators, <c>images\cat.png</c>, is read with '/' when only that file exists); empty numeric cells become
    /// NaN (missing values). Columns are given roles as <see cref="DatasetOptions"/> describes, and the role of every column,
    /// with the reason, is one line of <see cref="Dataset.Notes"/>. Rows are in file order; a folder's images in ordinal path order.
    /// </summary>
    /// <param name="path">The folder or CSV file, absolute or relative to the current directory.</param>
    /// <param name="options">Which CSV columns play which role, the label column, the separator, the bad-input policy; null for the defaults (detect every column and the separator, labels required, fail on a missing image).</param>
    /// <exception cref="UserInputException">
    /// The path is empty, missing, or neither a folder nor a .csv / .tsv; a folder has no images, mixes class folders with
    /// loose images, has a class folder without an image, has no class folders when labels are required, or (training
    /// data) one image per class; a CSV is empty, not UTF-8, malformed, has a duplicate or empty header name, a row with
    /// the wrong number of fields, no rows, a missing named, ignored or label column, a column named for two roles, several columns named "label" in
    /// different cases and no <see cref="DatasetOptions.LabelColumn"/>, an ignored label, an empty label, (training data)
    /// a label that differs in every row, a non-numeric or infinite number, no feature column left, or an empty,
    /// NUL-containing or missing image path (unless skipped). Each message names the file, and the row and column where
    /// there is one.
    /// </exception>
    public static Dataset Load(string path, DatasetOptions? options = null)
    {
        options ??= new DatasetOptions();
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException("A data path is required.");
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return WithFolderTask(LoadFolder(full, options), options);
        if (File.Exists(full))
        {
            if (!full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !full.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"Data '{full}' is neither a folder of images nor a .csv or .tsv file.");
            return LoadCsv(full, options);
        }
        throw new UserInputException($"Data '{full}' does not exist.");
    }

    /// <summary>Whether <paramref name="value"/> ends in one of <see cref="ImageExtensions"/> (case-insensitive, surrounding white space ignored). Only the name is checked: the file need not exist.</summary>
    public static bool IsImagePath(string value) => ImageExtensions.Contains(Path.GetExtension(value.Trim()));

    private const string ImagePattern = "*.png|jpg|jpeg|bmp|gif|webp";

    private static Dataset LoadFolder(string dir, DatasetOptions options)
    {
        // Hidden folders (.git, .ipynb_checkpoints) are not classes.
        var classDirs = Directory.GetDirectories(dir).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var ignored = new List<string>();
        var loose = ImagesIn(dir, ignored);
        var ids = new List<string>();
        var labels = new List<string>();
        var noImages = new List<(string Dir, List<string> Ignored)>();
        foreach (var classDir in classDirs)
        {
            var ignoredHere = new List<string>();
            var images = ImagesIn(classDir, ignoredHere);
            ignored.AddRange(ignoredHere);
            if (images.Count == 0) noImages.Add((classDir, ignoredHere));
            ids.AddRange(images);
            labels.AddRange(images.Select(_ => Path.GetFileName(classDir)));
        }
        if (ids.Count > 0 && loose.Count > 0)
            throw new UserInputException($"Data folder '{dir}' mixes class sub-folders with loose images (for example '{Path.GetFileName(loose[0])}'): put every image in its class folder.");
        if (ids.Count == 0)
        {
            if (loose.Count == 0)
                throw new UserInputException($"Data folder '{dir}' has no images: expected <dir>/<class>/{ImagePattern}" +
                    (ignored.Count > 0 ? $" ({IgnoredFiles(ignored)} ignored, not images this tool reads)." : "."));
            if (options.RequireLabels)
                throw new UserInputException($"Data folder '{dir}' has images but no class sub-folders: labelled data needs one sub-folder per class (<dir>/<class>/*.png).");
            return new Dataset(dir, loose, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, loose)]) { Notes = IgnoredNote(dir, ignored) };
        }
        if (noImages.Count > 0)
        {
            var (empty, files) = noImages[0];
            throw new UserInputException($"Class folder '{empty}' has no usable image" +
                (files.Count > 0 ? $": its {IgnoredFiles(files)} are not images this tool reads" : " (it is empty)") +
                $"; expected {ImagePattern}. Convert its images or remove the folder" +
                (noImages.Count > 1 ? $" ({noImages.Count - 1} more class folders have none: {string.Join(", ", noImages.Skip(1).Select(n => Path.GetFileName(n.Dir)))})." : "."));
        }
        if (options.IsTrainingData && options.Task != LearningTask.Regression && ids.Count >= 2 && classDirs.Count == ids.Count)
            throw new UserInputException($"Data folder '{dir}' has one image per class folder ({ids.Count} folders): every class needs several examples to learn from and to test on.");
        return new Dataset(dir, ids, labels, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, ids)]) { Notes = IgnoredNote(dir, ignored) };
    }

    /// <summary>
    /// A class-folder dataset's task: classes, unless <see cref="DatasetOptions.Task"/> says regression; then every folder
    /// name is its images' label and must be a finite number (folders named by age, say).
    /// </summary>
    private static Dataset WithFolderTask(Dataset data, DatasetOptions options)
    {
        if (data.Labels is null || options.Task is not { } task) return data;
        var note = TaskInference.Given(task, "the class folders", data.Labels, decimalComma: true).Description;
        if (task == LearningTask.Classification) return data with { TaskNote = note };
        var targets = data.Labels.Select((label, row) => TaskInference.TryParse(label, decimalComma: true, out var number) && float.IsFinite(number)
            ? number
            : throw new UserInputException($"Class folder '{Path.GetDirectoryName(data.Ids[row])}': with --task regression a class folder's name is its images' label, a finite number; found '{label}'.")).ToList();
        return data with { Task = task, TaskNote = note, Targets = targets };
    }

    /// <summary>The images of <paramref name="dir"/> in ordinal order; the other files are added to <paramref name="ignored"/>.</summary>
    private static List<string> ImagesIn(string dir, List<string> ignored)
    {
        var files = Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToList();
        ignored.AddRange(files.Where(f => !IsImagePath(f)));
        return files.Where(IsImagePath).ToList();
    }

    /// <summary>"3 files (2 .tif, 1 .txt)": a count per extension, most frequent first.</summary>
    private static string IgnoredFiles(IReadOnlyList<string> files) =>
        $"{files.Count} file{(files.Count == 1 ? "" : "s")} (" + string.Join(", ", files
            .GroupBy(f => Path.GetExtension(f).ToLowerInvariant() is { Length: > 0 } e ? e : "no extension")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}")) + ")";

    private static IReadOnlyList<string> IgnoredNote(string dir, IReadOnlyList<string> ignored) => ignored.Count == 0 ? [] :
        [$"'{dir}': {IgnoredFiles(ignored)} ignored, not images this tool reads ({ImagePattern}); for example '{Path.GetRelativePath(dir, ignored[0])}'"];

    /// <summary>A CSV needs this many rows before a column is called id-like, a likely leak or categorical: fewer rows prove nothing.</summary>
    private const int MinRowsToInferRoles = 10;

    /// <summary>A detected categorical column's values are at most this many characters (trimmed): a city, a type, a code, not a sentence.</summary>
    public const int MaxCategoryLength = 40;

    /// <summary>A detected categorical column has at most this many distinct values (one-hot slots); a column naming more is categorical only when named.</summary>
    public const int MaxCategories = 50;

    /// <summary>A detected categorical column has at most one distinct value per this many rows (each value seen about this often or more, on average).</summary>
    public const int RowsPerCategory = 5;

    private static Dataset LoadCsv(string file, DatasetOptions options)
    {
        var (header, rows, separator) = ReadCsv(file, options.Separator);
        // A --separator that is not the file's: the whole header line is read as one column name.
        if (options.Separator is { } chosen && header.Count == 1 && DetectSeparator(header[0]) is var detected && detected != chosen && header[0].Contains(detected))
            throw new UserInputException($"'{file}': with --separator {SeparatorName(chosen)} the header is one column ('{header[0]}'), but it looks {SeparatorName(detected)}-separated: " +
                $"leave --separator out (the separator is detected from the header), or pass --separator {(detected == '\t' ? "tab" : detected.ToString())}.");
        var baseDir = Path.GetDirectoryName(file)!;

        string? labelName;
        if (options.LabelColumn is not null)
            labelName = header.FirstOrDefault(h => h == options.LabelColumn)
                ?? throw new UserInputException($"'{file}' has no label column '{options.LabelColumn}'{options.LabelColumnOrigin}.{Suggestion(options.LabelColumn, header.Except(FeatureColumnsNamed(options)).ToList())} Columns: {string.Join(", ", header)}.");
        else
        {
            var candidates = header.Where(h => string.Equals(h, "label", StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count > 1)
                throw new UserInputException($"'{file}' has {candidates.Count} columns that could be the label ({string.Join(", ", candidates.Select(c => $"'{c}'"))}): pass --label <exact name> to say which.");
            labelName = candidates.FirstOrDefault();
        }
        if (labelName is null && options.RequireLabels)
            throw new UserInputException($"'{file}' has no column named 'label': name the label column with --label.{Suggestion("label", header)} Columns: {string.Join(", ", header)}.");

        foreach (var named in FeatureColumnsNamed(options).Concat(options.IgnoreColumns))
            if (!header.Contains(named))
                throw new UserInputException($"'{file}' has no column '{named}'.{Suggestion(named, header)} Columns: {string.Join(", ", header)}." +
                    (options.MissingColumnHint is { } hint ? " " + hint : ""));
        if (labelName is not null && options.IgnoreColumns.Contains(labelName))
            throw new UserInputException($"'{file}': column '{labelName}' is the label and cannot be ignored; name another label column with --label.");
        if (labelName is not null && header.Contains(Dataset.LabelColumn) && labelName != Dataset.LabelColumn)
            throw new UserInputException($"'{file}': column '{Dataset.LabelColumn}' is reserved for the label, but the label is '{labelName}'; rename the column.");

        List<string>? labels = null;
        if (labelName is not null)
        {
            var li = header.IndexOf(labelName);
            labels = rows.Select((r, i) => string.IsNullOrWhiteSpace(r[li])
                ? throw new UserInputException($"'{file}' row {i + 1}: the label column '{labelName}' is empty.")
                : r[li].Trim()).ToList();
        }

        var series = ResolveSeries(file, header, labelName, options);
        var seriesGroupOf = series.Where(g => g.Group is not null).SelectMany(g => g.Members.Select(m => (m, g.Group!))).ToDictionary(x => x.m, x => x.Item2, StringComparer.Ordinal);
        var explicitRoles = new Dictionary<string, ColumnRole>(StringComparer.Ordinal);
        foreach (var (named, namedRole) in options.ImageColumns.Select(c => (c, ColumnRole.Image))
            .Concat(options.TextColumns.Select(c => (c, ColumnRole.Text)))
            .Concat(options.NumericColumns.Select(c => (c, ColumnRole.Numeric)))
            .Concat(options.CategoricalColumns.Select(c => (c, ColumnRole.Categorical)))
            .Concat(series.SelectMany(g => g.Members).Select(c => (c, ColumnRole.Series))))
        {
            if (explicitRoles.TryGetValue(named, out var earlier) && earlier != namedRole)
                throw new UserInputException($"'{file}': column '{named}' is named as both {RoleName(earlier)} and {RoleName(namedRole)}; name it once.");
            explicitRoles[named] = namedRole;
        }
        var anyExplicit = explicitRoles.Count > 0;
        var ignored = options.IgnoreColumns.ToHashSet(StringComparer.Ordinal);
        var decimalComma = separator != ',';
        var (task, taskNote, targets) = LabelTask(file, labelName, labels, decimalComma, options);

        var columns = new List<DatasetColumn>();
        var roles = new List<string>();
        var leftOut = new List<string>();
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c];
            if (name == labelName)
            {
                roles.Add($"{name}: the label");
                continue;
            }
            if (ignored.Contains(name))
            {
                roles.Add($"{name}: ignored (--ignore-column)");
                continue;
            }
            var values = rows.Select(r => r[c]).ToList();
            ColumnRole role;
            var why = "named";
            if (explicitRoles.TryGetValue(name, out var given)) role = given;
            else if (anyExplicit)
            {
                roles.Add($"{name}: ignored (not named; only the named columns are used)");
                continue;
            }
            else
            {
                role = Detect(values, separator, out var commaNumbers);
                why = "detected";
                if (commaNumbers)
                    why = role == ColumnRole.Numeric
                        ? "detected, decimal commas"
                        : $"detected; its values look like numbers with a decimal comma ('{values.First(IsDecimalComma).Trim()}'): in a comma-separated file write them with a '.' to use them as numbers";
                if (IdLikeReason(values, role) is { } idLike)
                {
                    roles.Add($"{name}: ignored, id-like ({idLike})");
                    leftOut.Add($"{name} (id-like)");
                    continue;
                }
                // Classes only: the rule asks whether each value always comes with one class; a number to predict rarely
                // repeats, so for a regression the rule could only fire by chance on small data.
                if (labels is not null && task == LearningTask.Classification && role != ColumnRole.Image && LeakReason(values, labels) is { } leak)
                {
                    roles.Add($"{name}: left out, a likely leak ({leak})");
                    leftOut.Add($"{name} (a likely leak)");
                    continue;
                }
                // After the id and leak rules, which hold for categories as for any text.
                if (role == ColumnRole.Text && !commaNumbers && CategoricalReason(values) is { } categories)
                {
                    role = ColumnRole.Categorical;
                    why = $"detected: {categories}";
                }
            }
            var group = role == ColumnRole.Series ? seriesGroupOf.GetValueOrDefault(name) : null;
            roles.Add(group is null ? $"{name}: {RoleName(role)} ({why})" : $"{name}: {RoleName(role)} ({why}: value {Array.IndexOf(series.First(g => g.Group == group).Members, name) + 1} of series '{group}')");
            columns.Add(role switch
            {
                ColumnRole.Numeric => new DatasetColumn(name, role, values, values.Select((v, r) => ParseNumber(file, r, name, v, decimalComma)).ToList()),
                ColumnRole.Series when group is not null =>
                    new DatasetColumn(name, role, values, values.Select((v, r) => ParseSeriesValue(file, r, name, group, v, decimalComma)).ToList()) { Group = group },
                ColumnRole.Series => new DatasetColumn(name, role, CheckSeries(file, name, values)),
                ColumnRole.Image => new DatasetColumn(name, role, values.Select((v, r) => ResolveImage(file, baseDir, r, name, v, options.OnBadInput)).ToList()),
                _ => new DatasetColumn(name, role, values),
            });
        }
        // A group's columns next to each other, in the series' order, where its first column is.
        foreach (var (group, members) in series.Where(g => g.Group is not null))
        {
            var at = columns.FindIndex(c => c.Group == group);
            var ordered = members.Select(m => columns.Single(c => c.Name == m)).ToList();
            columns.RemoveAll(c => c.Group == group);
            columns.InsertRange(at, ordered);
        }
        if (columns.Count == 0)
            throw new UserInputException($"'{file}' has no feature columns besides the label" + (leftOut.Count == 0 ? "." :
                $": left out {string.Join(", ", leftOut)}. To use a column, name the columns to use with --text-column, --numeric-column or --image-column."));

        // After the cells' own errors (a missing image says more than the labels do).
        if (options.IsTrainingData && task == LearningTask.Classification && labels is { Count: >= 2 } && labels.Distinct(StringComparer.Ordinal).Count() == labels.Count)
            throw new UserInputException($"'{file}': the label column '{labelName}' has a different value in every row ({labels.Count} rows), so every row would be its own class. " +
                "Pass --label <exact name> for the column that holds the classes: a label column has repeated values.");
        var ids = Enumerable.Range(1, rows.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var note = $"Columns of '{Path.GetFileName(file)}'" + (separator == ',' ? "" : $" ({SeparatorName(separator)}-separated)") + ": " + string.Join("; ", roles);
        return new Dataset(file, ids, labels, columns) { Notes = [note], Task = task, TaskNote = taskNote, Targets = targets, LabelColumnName = labelName };
    }

    /// <summary>
    /// The series of <see cref="DatasetOptions.SeriesColumns"/>: a header column as named (Group null: a series per cell),
    /// else a group of columns, <c>a,b,c</c> in that order or <c>prefix*</c> in file order (the label and ignored columns
    /// left out). A name that matches nothing, or a column in two series, names the problem.
    /// </summary>
    private static List<(string? Group, string[] Members)> ResolveSeries(string file, IReadOnlyList<string> header, string? labelName, DatasetOptions options)
    {
        var result = new List<(string? Group, string[] Members)>();
        var columns = $" Columns: {string.Join(", ", header)}.";
        foreach (var spec in options.SeriesColumns)
        {
            if (header.Contains(spec))
            {
                result.Add((null, [spec]));
                continue;
            }
            var trimmed = spec.Trim();
            string[] members;
            if (trimmed.EndsWith('*'))
            {
                var prefix = trimmed[..^1];
                members = header.Where(h => h.StartsWith(prefix, StringComparison.Ordinal) && h != labelName && !options.IgnoreColumns.Contains(h)).ToArray();
                if (members.Length == 0)
                    throw new UserInputException($"'{file}' has no column starting with '{prefix}' for the series '{spec}'.{columns}");
            }
            else if (trimmed.Contains(','))
            {
                members = trimmed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                foreach (var member in members.Where(m => !header.Contains(m)))
                    throw new UserInputException($"'{file}' has no column '{member}' (in the series '{spec}').{Suggestion(member, header)}{columns}");
                if (members.GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                    throw new UserInputException($"'{file}': the series '{spec}' names column '{twice.Key}' twice.");
            }
            else
                throw new UserInputException($"'{file}' has no column '{spec}'.{Suggestion(spec, header)}{columns} (A series of several numeric columns is written 's1,s2,s3' or 's*'.)");
            if (labelName is not null && members.Contains(labelName))
                throw new UserInputException($"'{file}': column '{labelName}' is the label and cannot be part of the series '{spec}'.");
            result.Add((trimmed, members));
        }
        var repeated = result.SelectMany(g => g.Members).GroupBy(m => m, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new UserInputException($"'{file}': column '{repeated.Key}' is named in two series; a column belongs to one series.");
        return result;
    }

    /// <summary>The cells of a series column, each checked to hold a series (<see cref="SeriesText"/>); a bad one names its row and column.</summary>
    private static IReadOnlyList<string> CheckSeries(string file, string column, IReadOnlyList<string> values)
    {
        for (var r = 0; r < values.Count; r++)
            if (SeriesText.TryParse(values[r], out var problem) is null)
                throw new UserInputException($"'{file}' row {r + 1}, column '{column}': {problem}.");
        return values;
    }

    /// <summary>One value of a series spread over columns: a finite number (numeric columns' rules), never empty.</summary>
    private static float ParseSeriesValue(string file, int row, string column, string group, string value, bool decimalComma)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("NaN", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': the cell is {(string.IsNullOrWhiteSpace(value) ? "empty" : "NaN")}, but it is a value of the series '{group}', which needs a number in every column.");
        return ParseNumber(file, row, column, value, decimalComma);
    }

    /// <summary>
    /// The task of a CSV's labels (given, inferred for training data, else classification), its note, and for a regression
    /// every label as a finite number: a label that is not one names its file, row and column.
    /// </summary>
    private static (LearningTask Task, string? Note, IReadOnlyList<float>? Targets) LabelTask(string file, string? labelName, IReadOnlyList<string>? labels,
        bool decimalComma, DatasetOptions options)
    {
        if (labelName is null || labels is null) return (LearningTask.Classification, null, null);
        var decision = options.Task is { } given ? TaskInference.Given(given, labelName, labels, decimalComma)
            : options.IsTrainingData ? TaskInference.Infer(labelName, labels, decimalComma)
            : null;
        if (decision?.Task != LearningTask.Regression) return (LearningTask.Classification, decision?.Description, null);
        // Training chooses the task (--task); a saved regression model's data must hold numbers.
        var hint = options.IsTrainingData ? "pass --task classification to treat the labels as classes"
            : "the model predicts numbers, so its label column must hold them (is --label the right column?)";
        var targets = labels.Select((value, row) => ParseTarget(file, row, labelName, value, decimalComma, hint)).ToList();
        return (LearningTask.Regression, decision.Description, targets);
    }

    /// <summary>A regression label: a finite number (numeric columns' rules), else an error naming the file, row and column.</summary>
    private static float ParseTarget(string file, int row, string column, string value, bool decimalComma, string hint)
    {
        if (!TaskInference.TryParse(value, decimalComma, out var number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': a regression label must be a number, found '{value}'" +
                (!decimalComma && IsDecimalComma(value) ? $" (a decimal comma: in a comma-separated file write '{value.Trim().Replace(',', '.')}')" : "") +
                $"; {hint}.");
        if (!float.IsFinite(number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': " + (BeyondFloat(decimalComma && IsDecimalComma(value) ? value.Replace(',', '.') : value)
                ? $"the regression label '{value}' is {FloatRange}; rescale the label column."
                : $"a regression label must be a finite number, found '{value}'; fix the row or leave it out."));
        return number;
    }

    /// <summary>Why a detected column looks like an id (every value different; integers, or text without white space that has a digit), or null.</summary>
    private static string? IdLikeReason(IReadOnlyList<string> values, ColumnRole role)
    {
        if (values.Count < MinRowsToInferRoles || role == ColumnRole.Image) return null;
        var trimmed = values.Select(v => v.Trim()).ToList();
        if (trimmed.Any(v => v.Length == 0) || trimmed.Distinct(StringComparer.Ordinal).Count() != trimmed.Count) return null;
        if (role == ColumnRole.Numeric)
            return trimmed.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                ? "a different integer in every row" : null;
        return trimmed.All(v => v.Any(char.IsDigit) && !v.Any(char.IsWhiteSpace))
            ? $"a different value in every row, like '{trimmed[0]}'" : null;
    }

    /// <summary>Why a column gives the label away (each value on two rows or more, always with one label), or null.</summary>
    private static string? LeakReason(IReadOnlyList<string> values, IReadOnlyList<string> labels)
    {
        if (values.Count < MinRowsToInferRoles) return null;
        var groups = Enumerable.Range(0, values.Count).GroupBy(i => values[i].Trim(), StringComparer.Ordinal).ToList();
        if (groups.Count < 2 || groups.Any(g => g.Count() < 2 || g.Select(i => labels[i]).Distinct(StringComparer.Ordinal).Count() > 1)) return null;
        var examples = groups.Take(2).Select(g => $"'{g.Key}' -> {labels[g.First()]}");
        return $"each of its {groups.Count} values always comes with the same label: {string.Join(", ", examples)}{(groups.Count > 2 ? ", …" : "")}; to use it anyway, name the columns to use with --text-column/--numeric-column/--categorical-column";
    }

    /// <summary>
    /// Why a text column is categorical ("3 distinct short values"), or null: on <see cref="MinRowsToInferRoles"/> rows or
    /// more, every value at most <see cref="MaxCategoryLength"/> characters and at most min(<see cref="MaxCategories"/>,
    /// rows / <see cref="RowsPerCategory"/>) distinct non-empty values, at least one. Empty cells are a missing category.
    /// </summary>
    private static string? CategoricalReason(IReadOnlyList<string> values)
    {
        if (values.Count < MinRowsToInferRoles) return null;
        var trimmed = values.Select(v => v.Trim()).ToList();
        if (trimmed.Any(v => v.Length > MaxCategoryLength)) return null;
        var distinct = trimmed.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Count();
        if (distinct == 0 || distinct > Math.Min(MaxCategories, values.Count / RowsPerCategory)) return null;
        var empty = trimmed.Count(v => v.Length == 0);
        return $"{distinct} distinct short value{(distinct == 1 ? "" : "s")}" + (empty == 0 ? "" : $"; {empty} empty cell{(empty == 1 ? "" : "s")}, a missing category");
    }

    private static string RoleName(ColumnRole role) => role.ToString().ToLowerInvariant();

    private static string SeparatorName(char separator) => separator switch
    {
        '\t' => "tab",
        ';' => "semicolon",
        ',' => "comma",
        _ => $"'{separator}'",
    };

    /// <summary>The separator of the header line: the most frequent of comma, semicolon and tab outside quotes; a comma when none occurs (or for an empty file).</summary>
    internal static char DetectSeparator(string? headerLine)
    {
        if (string.IsNullOrEmpty(headerLine)) return ',';
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var ch in headerLine)
        {
            if (ch == '"') quoted = !quoted;
            else if (!quoted && counts.ContainsKey(ch)) counts[ch]++;
        }
        var best = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key == ',' ? 0 : 1).First();
        return best.Value == 0 ? ',' : best.Key;
    }

    private static (List<string> Header, List<string[]> Rows, char Separator) ReadCsv(string file, char? given)
    {
        var separator = given ?? DetectSeparator(File.ReadLines(file).FirstOrDefault());
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = separator.ToString(), DetectDelimiter = false, BadDataFound = null };
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
            return (header, rows, separator);
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

    /// <summary>
    /// The role of an unnamed column; <paramref name="commaNumbers"/> tells that its values are numbers written with a
    /// decimal comma (<c>1,84</c>): numeric when the separator is not a comma, else text (a comma-separated file had to
    /// quote them, and "1,840" may as well be a thousand).
    /// </summary>
    private static ColumnRole Detect(IReadOnlyList<string> values, char separator, out bool commaNumbers)
    {
        commaNumbers = false;
        var present = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (present.Count > 0 && present.All(IsNumber)) return ColumnRole.Numeric;
        if (present.Count > 0 && present.All(v => IsNumber(v) || IsDecimalComma(v)))
        {
            commaNumbers = true;
            if (separator != ',') return ColumnRole.Numeric;
        }
        if (present.Count > 0 && present.All(IsImagePath)) return ColumnRole.Image;
        return ColumnRole.Text;
    }

    private static bool IsNumber(string value) => float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>A number with one decimal comma and no point: <c>1,84</c>, <c>-0,5</c>.</summary>
    internal static bool IsDecimalComma(string value)
    {
        var v = value.Trim();
        var comma = v.IndexOf(',');
        return comma >= 0 && comma == v.LastIndexOf(',') && !v.Contains('.') && comma + 1 < v.Length && char.IsDigit(v[comma + 1])
            && IsNumber(v.Replace(',', '.'));
    }

    private static float ParseNumber(string file, int row, string column, string value, bool decimalComma)
    {
        if (string.IsNullOrWhiteSpace(value)) return float.NaN;
        if (decimalComma && IsDecimalComma(value)) value = value.Replace(',', '.');
        if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': expected a number, found '{value}'" +
                (IsDecimalComma(value) ? $" (a decimal comma: in a comma-separated file write '{value.Trim().Replace(',', '.')}')." : "."));
        // NaN is a missing value (replaced by the column mean); an infinity has no mean to stand in for.
        if (float.IsInfinity(number))
            throw new UserInputException($"'{file}' row {row + 1}, column '{column}': " + (BeyondFloat(value)
                ? $"'{value}' is {FloatRange}; rescale the column (divide it by a power of ten)."
                : $"expected a finite number, found '{value}' (leave the cell empty or write NaN for a missing value)."));
        return number;
    }

    /// <summary>What a number beyond float's range is, in words.</summary>
    private const string FloatRange = "beyond the range of the 32-bit floats that values are computed in (about ±3.4e38)";

    /// <summary>Whether <paramref name="value"/> (decimal point) is a finite number too large in magnitude for a float, such as 1e308.</summary>
    private static bool BeyondFloat(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && float.IsInfinity((float)number);

    private static string ResolveImage(string file, string baseDir, int row, string column, string value, BadInputPolicy policy)
    {
        var skip = policy == BadInputPolicy.Skip;
        if (string.IsNullOrWhiteSpace(value))
            return skip ? "" : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': the image path is empty.");
        if (value.Contains('\0'))
            return skip ? value : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': the image path contains a NUL character.");
        var path = Path.GetFullPath(Path.Combine(baseDir, value.Trim()));
        if (File.Exists(path)) return path;
        // A Windows path (images\cat.png) on Linux or macOS: a backslash is a file-name character there, not a separator.
        var hint = "";
        if (value.Contains('\\') && !OperatingSystem.IsWindows())
        {
            var slashed = Path.GetFullPath(Path.Combine(baseDir, value.Trim().Replace('\\', '/')));
            if (File.Exists(slashed)) return slashed;
            hint = $" (nor does '{slashed}', reading its '\\' as '/')";
            if (skip) return slashed;
        }
        // A path written relative to the current folder rather than to the CSV's: say where relative paths are read from.
        if (hint.Length == 0 && !Path.IsPathRooted(value.Trim()) && File.Exists(Path.GetFullPath(value.Trim())))
            hint = $" (a relative path is read from the CSV's folder, '{baseDir}'; '{value.Trim()}' exists from the current folder: write the path relative to the CSV, or in full)";
        return skip
            ? path
            : throw new UserInputException($"'{file}' row {row + 1}, column '{column}': image file '{path}' does not exist{hint}.");
    }

    /// <summary>The columns <paramref name="options"/> name as features (never the label: not suggested for it).</summary>
    private static IEnumerable<string> FeatureColumnsNamed(DatasetOptions options) =>
        options.ImageColumns.Concat(options.TextColumns).Concat(options.NumericColumns).Concat(options.CategoricalColumns);

    /// <summary>" Did you mean 'x'?" for the header name closest to a misspelled one (<see cref="Spelling.Nearest"/>), else "".</summary>
    private static string Suggestion(string wanted, IReadOnlyList<string> header) =>
        Spelling.Nearest(wanted, header) is { } best ? $" Did you mean '{best}'?" : "";
}
