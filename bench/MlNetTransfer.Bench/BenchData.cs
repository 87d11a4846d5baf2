using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>The data folder (from <c>bash data/fetch.sh</c>) is not there.</summary>
internal sealed class MissingDataException(string message) : Exception(message);

/// <summary>Loads <c>&lt;data&gt;/train</c> and <c>&lt;data&gt;/test</c> class folders and keeps the first images of each class.</summary>
internal static class BenchData
{
    public static (Dataset Train, Dataset Test) Load(HeadsOptions options)
    {
        var root = Path.GetFullPath(options.Data);
        foreach (var dir in new[] { root, Path.Combine(root, "train"), Path.Combine(root, "test") })
            if (!Directory.Exists(dir))
                throw new MissingDataException($"Fashion-MNIST not found ('{dir}' is missing): run `bash data/fetch.sh` first.");
        var train = FirstPerClass(DatasetLoader.Load(Path.Combine(root, "train")), options.TrainPerClass);
        var test = FirstPerClass(DatasetLoader.Load(Path.Combine(root, "test")), options.TestLimit);
        var unknown = test.DistinctLabels.Except(train.DistinctLabels).ToList();
        if (unknown.Count > 0) throw new UserInputException($"Test classes missing from the training data: {string.Join(", ", unknown)}.");
        return (train, test);
    }

    /// <summary>
    /// <paramref name="images"/> images of <c>&lt;data&gt;/train</c> spread over its classes: the first images / classes of each class
    /// (file order), then the first <paramref name="images"/> of those.
    /// </summary>
    public static Dataset Spread(string data, int images)
    {
        var train = Path.Combine(Path.GetFullPath(data), "train");
        if (!Directory.Exists(train))
            throw new MissingDataException($"Fashion-MNIST not found ('{train}' is missing): run `bash data/fetch.sh` first.");
        var all = DatasetLoader.Load(train);
        var classes = all.DistinctLabels.Count;
        var kept = FirstPerClass(all, (images + classes - 1) / classes);
        if (kept.Count < images)
            throw new UserInputException($"--images {images}: '{train}' has only {kept.Count:N0} images spread over its {classes} classes.");
        return kept.Subset(Enumerable.Range(0, images).ToList());
    }

    /// <summary>The first <paramref name="perClass"/> rows of each label, in the loader's order (file order); 0 keeps all.</summary>
    public static Dataset FirstPerClass(Dataset dataset, int perClass)
    {
        if (perClass <= 0) return dataset;
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<int>();
        for (var i = 0; i < dataset.Count; i++)
        {
            var label = dataset.Labels![i];
            var n = kept.GetValueOrDefault(label);
            if (n >= perClass) continue;
            kept[label] = n + 1;
            rows.Add(i);
        }
        return dataset.Subset(rows);
    }

    /// <summary>"100 per class" or "at most 100 per class (…)" when a class has fewer.</summary>
    public static string Describe(Dataset dataset)
    {
        var counts = dataset.Labels!.GroupBy(l => l).Select(g => g.Count()).Distinct().Order().ToList();
        return counts.Count == 1
            ? $"{dataset.Count:N0} images, {counts[0]:N0} per class"
            : $"{dataset.Count:N0} images, {counts[0]:N0}–{counts[^1]:N0} per class";
    }
}
