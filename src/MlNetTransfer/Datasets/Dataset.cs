using Microsoft.ML;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Examples loaded from a class-folder tree or a CSV: an id per row (the image path, or the CSV row number),
/// the label when known, and the feature columns with their roles.
/// </summary>
public sealed record Dataset(string Source, IReadOnlyList<string> Ids, IReadOnlyList<string>? Labels, IReadOnlyList<DatasetColumn> Columns)
{
    /// <summary>Name of the label column in data views made from a dataset.</summary>
    public const string LabelColumn = "Label";

    /// <summary>Name of the image column of a class-folder dataset (ML.NET's convention for image models).</summary>
    public const string ImagePathColumn = "ImagePath";

    /// <summary>Number of examples (rows); every column, <see cref="Ids"/> and <see cref="Labels"/> have this many entries.</summary>
    public int Count => Ids.Count;

    /// <summary>The distinct labels in ordinal order (empty when unlabelled).</summary>
    public IReadOnlyList<string> DistinctLabels => Labels is null ? [] : Labels.Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// What loading decided that the user should hear about, one line each, in order: the role of every CSV column and
    /// why (detected, named, ignored as id-like, left out as a likely leak), files of a class folder that are not images.
    /// Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What the label is: classes (default) or a number to predict (then <see cref="Targets"/> holds it).</summary>
    public LearningTask Task { get; init; } = LearningTask.Classification;

    /// <summary>
    /// The task and why, for the run's output (<c>regression (label 'temp_max': 1,461 numbers, 67 distinct; …)</c>):
    /// set when training data's task was inferred or given (<see cref="TaskInference"/>), else null.
    /// </summary>
    public string? TaskNote { get; init; }

    /// <summary>For <see cref="LearningTask.Regression"/>: every row's label as a finite number, in row order; else null.</summary>
    public IReadOnlyList<float>? Targets { get; init; }

    /// <summary>
    /// The CSV column the labels were read from, as the file names it (<c>temp_max</c>); null for a class-folder tree,
    /// features files and unlabelled data. Not <see cref="LabelColumn"/>, the fixed name of the label in data views.
    /// </summary>
    public string? LabelColumnName { get; init; }

    /// <summary>The rows at <paramref name="indices"/>, in that order (with the same <see cref="Notes"/>).</summary>
    public Dataset Subset(IReadOnlyList<int> indices) => this with
    {
        Ids = indices.Select(i => Ids[i]).ToList(),
        Labels = Labels is null ? null : indices.Select(i => Labels[i]).ToList(),
        Targets = Targets is null ? null : indices.Select(i => Targets[i]).ToList(),
        Columns = Columns.Select(c => c with
        {
            Values = indices.Select(i => c.Values[i]).ToList(),
            Numbers = c.Numbers is null ? null : indices.Select(i => c.Numbers[i]).ToList(),
        }).ToList(),
    };

    /// <summary>
    /// Splits into train and test, shuffled with <paramref name="seed"/>. For classification, stratified by label: each
    /// label keeps about <paramref name="testFraction"/> of its rows for test, at least one when it has two or more. For
    /// <see cref="LearningTask.Regression"/>, at random: about <paramref name="testFraction"/> of all rows (at least one
    /// in each part when there are two rows or more).
    /// </summary>
    public (Dataset Train, Dataset Test) Split(double testFraction, int seed)
    {
        if (Labels is null) throw new InvalidOperationException("Only a labelled dataset can be split.");
        var random = new Random(seed);
        if (Task == LearningTask.Regression)
        {
            var all = Enumerable.Range(0, Count).ToArray();
            random.Shuffle(all);
            var n = Count < 2 ? 0 : Math.Clamp((int)Math.Round(Count * testFraction), 1, Count - 1);
            return (Subset(all.Skip(n).Order().ToList()), Subset(all.Take(n).Order().ToList()));
        }
        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, Count).GroupBy(i => Labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            var n = rows.Length < 2 ? 0 : Math.Clamp((int)Math.Round(rows.Length * testFraction), 1, rows.Length - 1);
            test.AddRange(rows.Take(n));
            train.AddRange(rows.Skip(n));
        }
        train.Sort();
        test.Sort();
        return (Subset(train), Subset(test));
    }

    /// <summary>The dataset as an ML.NET view: image, text, categorical and series-text columns as text (raw values), numeric and series-group columns as Single, plus <see cref="LabelColumn"/> if asked.</summary>
    internal TableDataView ToDataView(bool includeLabel)
    {
        var view = new TableDataView(Count);
        foreach (var column in Columns)
        {
            if (column.Numbers is not null) view.AddSingle(column.Name, column.Numbers); // numeric, and the columns of a series group
            else view.AddText(column.Name, column.Values);
        }
        if (includeLabel)
            view.AddText(LabelColumn, Labels ?? throw new InvalidOperationException($"'{Source}' has no labels."));
        return view;
    }

    /// <summary>The schema a saved model takes as input: the feature columns only.</summary>
    public DataViewSchema InputSchema => ToDataView(includeLabel: false).Schema;
}
