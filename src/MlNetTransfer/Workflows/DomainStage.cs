using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// The stage every two-domain workflow shares (plot with a target, diagnose-shift, adapt): a second data set loaded with
/// the source's columns, labels optional; and the features as dense rows, with the feature parts' slot ranges (the
/// natural views of co-training) and names.
/// </summary>
internal static class DomainStage
{
    /// <summary>
    /// Loads and screens <paramref name="path"/> with <paramref name="source"/>'s columns (and its label column when the
    /// data has one; with <paramref name="requireLabels"/> it must: a CSV whose header lacks the named label column is
    /// otherwise loaded unlabeled); bad inputs as <paramref name="features"/> say.
    /// </summary>
    public static Dataset LoadLike(Dataset source, string path, FeaturizeOptions features, bool requireLabels,
        List<(Dataset Data, BadInput Bad)> skipped, CancellationToken cancellation)
    {
        var label = features.Label;
        if (!requireLabels && label is not null && File.Exists(path) && File.ReadLines(path).FirstOrDefault() is { } header && !header.Contains(label, StringComparison.Ordinal))
            label = null;
        var data = DataStage.LoadScreened(path, DataStage.SameColumns(source, label, features.Separator) with
        {
            RequireLabels = requireLabels, OnBadInput = features.OnBadInput, MaxImagePixels = features.MaxImagePixels,
        }, skipped, cancellation);
        static string Columns(Dataset d) => string.Join(", ", d.Columns.Select(c => $"{c.Name} ({c.Role.ToString().ToLowerInvariant()})"));
        if (!data.Columns.Select(c => (c.Name, c.Role)).ToHashSet().SetEquals(source.Columns.Select(c => (c.Name, c.Role))))
            throw new UserInputException($"'{path}' does not have the source's columns: it has {Columns(data)}; the source '{source.Source}' has {Columns(source)}. Give both domains in the same form (two image folders, or two CSVs with the same columns).");
        return data;
    }

    /// <summary>A <see cref="UserInputException"/> naming <paramref name="option"/> when <paramref name="data"/> has fewer than <paramref name="minimum"/> rows.</summary>
    public static void RequireRows(Dataset data, int minimum, string option)
    {
        if (data.Count < minimum)
            throw new UserInputException($"{option} '{data.Source}' has {data.Count} rows (after leaving out bad inputs); at least {minimum} are needed to measure or adapt to a domain.");
    }

    /// <summary>The features of <paramref name="data"/> as dense rows, [n][d].</summary>
    public static List<float[]> DenseRows(FeatureRun run, Dataset data, string stage) =>
        run.Materialize(data, stage).Select(f => f.DenseValues().ToArray()).ToList();

    /// <summary>The slot indices of each feature part, in plan order (they tile 0..d-1).</summary>
    public static IReadOnlyList<int[]> PartSlots(FeatureRun run)
    {
        var schema = run.Featurizer.PartsSchema(run.InputSchema);
        var slots = new List<int[]>();
        var start = 0;
        foreach (var part in run.Featurizer.Parts)
        {
            var size = ((VectorDataViewType)schema[part.Name].Type).Size;
            slots.Add(Enumerable.Range(start, size).ToArray());
            start += size;
        }
        return slots;
    }

    /// <summary>One readable name per feature slot (<c>image.resnet18_37</c>, <c>Body Mass (g)</c>, <c>Island=Biscoe</c>), as <c>featurize</c> names its columns.</summary>
    public static IReadOnlyList<string> SlotNames(FeatureRun run) => FeaturizeWorkflow.SlotNames(run.Featurizer, run.InputSchema);

    /// <summary>What the features are, for titles: the parts' names joined (<c>image.resnet18 + Island</c>).</summary>
    public static string Describe(FeatureRun run) => string.Join(" + ", run.Featurizer.FittedParts.Select(p => p.Part.Name));
}
