using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>
/// <c>train --features</c>: reads Parquet features files (written by <c>featurize --out x.parquet</c>, with or without
/// <c>--shard</c>) as one set of rows: every file must record the same featurizer (<see cref="FeaturizerRecord"/>) made
/// of frozen backbones only, no id may appear twice, and shard files' rows are put back in the order of the listing they
/// were cut from (column <c>row</c>), so n shards read together equal one unsharded run.
/// </summary>
internal static class FeatureFiles
{
    /// <summary>Whether <paramref name="path"/> names features rather than data: a <c>.parquet</c> file, or a folder with <c>.parquet</c> files directly inside.</summary>
    public static bool IsFeatures(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || (Directory.Exists(path) && Directory.EnumerateFiles(path, "*.parquet").Any());

    /// <summary>
    /// The files named by <paramref name="paths"/> (a file, or a folder: its <c>.parquet</c> files, in ordinal order) read
    /// as one labelled set. The task is <paramref name="task"/> when given, else inferred from the labels (training data)
    /// as for a CSV; unlabelled rows are refused unless <paramref name="requireLabels"/> is false (a map). <see cref="UserInputException"/>s name the file (and row) at fault: missing, not Parquet, no
    /// featurizer record, a record differing from the first file's, a part that is not a frozen backbone, a row without
    /// a label, an id read twice, no rows in any file.
    /// </summary>
    public static StoredFeatures Read(IReadOnlyList<string> paths, LearningTask? task, bool isTraining, bool requireLabels = true)
    {
        var files = paths.SelectMany(Expand).ToList();
        var records = new List<(string File, string Json, FeaturizerRecord Record, IReadOnlyList<string> Slots, FeatureRows Rows, string? Shard, string? BackboneFiles)>();
        foreach (var file in files)
        {
            var (metadata, slots, rows) = FeatureFileReader.Read(file);
            var record = FeaturizerRecord.Parse(file, metadata.GetValueOrDefault(FeaturizerRecord.MetadataKey));
            if (requireLabels && record.NotRebuildable(file) is { } problem) throw new UserInputException(problem); // a map needs no featurizer
            records.Add((file, record.ToJson(), record, slots, rows, metadata.GetValueOrDefault(ShardedFeaturize.ShardKey), metadata.GetValueOrDefault(FeaturizerRecord.FilesKey)));
            var first = records[0];
            if (first.Json != records[^1].Json || !first.Slots.SequenceEqual(slots, StringComparer.Ordinal))
                throw new UserInputException($"'{first.File}' and '{file}' were made by different featurizers ({first.Record.Describe()}, against {record.Describe()}): " +
                    "a model needs all its features from one featurizer; featurize them again with one, or train from the files of one.");
        }
        foreach (var twice in records.Where(r => r.Shard is not null).GroupBy(r => r.Shard, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new UserInputException($"'{twice.First().File}' and '{twice.Skip(1).First().File}' are both shard {twice.Key}: the same share of the inputs was featurized twice " +
                "(a shard passed twice, or shards of two runs mixed), so rows would be counted twice; keep one of them.");
        var ordered = records.SelectMany(r => Enumerable.Range(0, r.Rows.Count).Select(i => (r.File, Index: r.Rows.Indexes?[i], Id: r.Rows.Ids[i], Label: r.Rows.Labels[i], Values: r.Rows.Values[i]))).ToList();
        if (records.All(r => r.Rows.Indexes is not null)) ordered = ordered.OrderBy(r => r.Index).ToList(); // stable: shards back in listing order
        var values = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ordered)
        {
            if (!fileOf.TryAdd(row.Id, row.File))
                throw new UserInputException($"'{row.Id}' is in '{fileOf[row.Id]}' and in '{row.File}': the same input was featurized twice (a shard passed twice, or files of two runs mixed).");
            if (requireLabels && row.Label.Length == 0)
                throw new UserInputException($"'{row.File}', row '{row.Id}': no label. Training needs labelled features: featurize a class-folder tree, or a CSV with a label column.");
            values[row.Id] = row.Values;
        }
        var recorded = records.Count > 0 ? records[0].Record : throw new UserInputException($"No features files in {string.Join(", ", paths.Select(p => $"'{p}'"))}.");
        if (ordered.Count == 0)
            throw new UserInputException((files.Count == 1 ? $"Features file '{files[0]}' has no rows" : $"The {files.Count} features files ({string.Join(", ", files.Select(f => $"'{f}'"))}) have no rows") +
                ": featurize data with at least one readable input (an empty shard's file is fine next to the others).");
        var ids = ordered.Select(r => r.Id).ToList();
        var labels = ordered.Select(r => r.Label).ToList();
        var source = files.Count == 1 ? files[0] : $"{files.Count} features files ({files[0]}, …)";
        var dataset = WithTask(new Dataset(source, ids, labels, recorded.Columns.Select(c => new DatasetColumn(c.Name, c.Role, ids)).ToList())
        {
            Notes = ShardNotes(records.Select(r => (r.File, r.Shard)).ToList()),
        }, task, isTraining, ordered.Select(r => r.File).ToList());
        return new StoredFeatures(files, recorded, records[0].BackboneFiles, dataset, values);
    }

    /// <summary>The Parquet files of a path: the file itself, or a folder's <c>.parquet</c> files (ordinal order).</summary>
    private static IEnumerable<string> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            var found = Directory.GetFiles(path, "*.parquet").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            if (found.Count == 0) throw new UserInputException($"Folder '{path}' has no .parquet features files.");
            return found;
        }
        if (!File.Exists(path)) throw new UserInputException($"Features file '{path}' does not exist.");
        return [path];
    }

    /// <summary>A note when the files are shards of one split but not all of them (training on part of the data may be meant; it is said).</summary>
    private static IReadOnlyList<string> ShardNotes(IReadOnlyList<(string File, string? Shard)> files)
    {
        var shards = files.Where(f => f.Shard is not null).Select(f => ShardSpec.Problem(f.Shard) is null ? ShardSpec.Parse(f.Shard!) : null).OfType<ShardSpec>().ToList();
        var counts = shards.Select(s => s.Count).Distinct().ToList();
        if (counts.Count > 1) return [$"the features files are shards of splits into {string.Join(" and ", counts)}: rows may be missing"];
        if (counts.Count == 0) return [];
        var missing = Enumerable.Range(0, counts[0]).Except(shards.Select(s => s.Index)).ToList();
        return missing.Count == 0 ? [] : [$"shard{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} of {counts[0]} not among the features files: training on the others only"];
    }

    /// <summary>The rows' task (given, else inferred for training data) and a regression's targets; a label that is not a number names its file and row.</summary>
    private static Dataset WithTask(Dataset data, LearningTask? given, bool isTraining, IReadOnlyList<string> fileOfRow)
    {
        var labels = data.Labels!;
        var decision = given is { } task ? TaskInference.Given(task, ParquetOutput.LabelColumn, labels, decimalComma: false)
            : isTraining ? TaskInference.Infer(ParquetOutput.LabelColumn, labels, decimalComma: false)
            : null;
        if (decision?.Task != LearningTask.Regression) return data with { TaskNote = isTraining ? decision?.Description : null };
        var targets = labels.Select((label, row) => TaskInference.TryParse(label, decimalComma: false, out var number) && float.IsFinite(number)
            ? number
            : throw new UserInputException($"'{fileOfRow[row]}', row '{data.Ids[row]}': a regression label must be a finite number, found '{label}'; pass --task classification to treat the labels as classes.")).ToList();
        return data with { Task = LearningTask.Regression, TaskNote = isTraining ? decision.Description : null, Targets = targets };
    }
}
