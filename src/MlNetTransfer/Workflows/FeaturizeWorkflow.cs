using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Featurize = fit the featurizer on a dataset (vocabularies, numeric statistics; backbones are frozen), run it over the
/// same rows and write one row per input, to CSV or (for a .parquet path) Parquet: <c>path_or_row,label,&lt;slot&gt;…</c>
/// (label empty when unknown). Backbone slots are named <c>&lt;column&gt;.&lt;backbone&gt;_&lt;i&gt;</c>; one-hot slots of a
/// categorical column <c>&lt;column&gt;=&lt;value&gt;</c>; every other named slot <c>&lt;part&gt;:&lt;name&gt;</c>, whatever the
/// number of parts: text vocabulary slots <c>&lt;column&gt;.&lt;featurizer&gt;:&lt;term&gt;</c> (<c>message.sklearn-count:free</c>,
/// in scikit-learn's order for the sklearn modes; <c>message.tfidf:word:free</c> and <c>message.tfidf:char: fr</c> for the
/// two vocabularies of tfidf / bow), numeric slots <c>numeric:&lt;column&gt;</c>, series slots
/// <c>&lt;series&gt;.&lt;featurizer&gt;:&lt;feature&gt;</c> (see <see cref="UniqueNames"/>). With <see cref="BadInputPolicy.Skip"/>,
/// unreadable examples are left out and listed in <c>&lt;out&gt;.bad-inputs.csv</c>.
/// </summary>
public static class FeaturizeWorkflow
{
    /// <summary>
    /// Featurizes <see cref="FeaturizeOptions.Data"/> and writes <see cref="FeaturizeOptions.Out"/>; returns the number of
    /// rows the file holds (<see cref="Featurize"/> also says whether it was written). A <see cref="UserInputException"/>
    /// for bad options or data (naming the file, row or column).
    /// </summary>
    public static int Run(FeaturizeOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default) =>
        Featurize(options, progress, cancellation).Rows;

    /// <summary>
    /// As <see cref="Run"/>, returning what was done: the file, its rows, and whether a re-run of a
    /// <see cref="FeaturizeOptions.Shard"/> found the file complete and wrote nothing.
    /// </summary>
    public static FeaturizeResult Featurize(FeaturizeOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        if (options.Shard is not null) return ShardedFeaturize.Run(options, progress, cancellation);
        var outPath = options.Out;
        AtomicFile.CheckWritable(outPath, "features");
        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var data = DataStage.LoadScreened(options.Data, DataStage.Columns(options), skipped, cancellation);
        DataStage.ReportSkipped(outPath, skipped, progress);
        DataStage.ReportNotes(progress, data);

        using var quantized = options.Quantize is null ? null : QuantizeStage.Run(options.Quantize, options.Backbones, data, seed: 0, progress, cancellation);
        using var run = FeatureRun.Start(new MLContext(0), data, quantized is null ? options.FeatureRun : options.FeatureRun with { Backbones = quantized.Backbones }, progress, cancellation);
        var features = run.Materialize(data, "Featurizing");
        var slots = SlotNames(run.Featurizer, data.InputSchema);
        if (options.FeatureSpace is not null) (features, slots) = ApplyFeatureSpace(options.FeatureSpace, run, data, features, progress);
        if (outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            ParquetOutput.Write(outPath, slots, FeaturizerRecord.Of(run.Featurizer, data, options.FeatureSpace?.Name).Metadata(run.Featurizer), withIndexes: false,
                [new FeatureRows(data.Ids, data.Labels ?? Enumerable.Repeat("", data.Count).ToList(), null, features.Select(f => f.DenseValues().ToArray()).ToList())]);
        else // row by row: a sparse row is expanded only while it is written
            CsvOutput.Write(outPath, ["path_or_row", "label", .. slots],
                Enumerable.Range(0, data.Count).Select(r => (IEnumerable<string>)[data.Ids[r], data.Labels?[r] ?? "", .. features[r].DenseValues().Select(CsvOutput.Number)]));
        return new FeaturizeResult(Path.GetFullPath(outPath), data.Count, AlreadyComplete: false);
    }

    /// <summary>
    /// Stage: the feature-space step fitted on <paramref name="features"/> (as in training, on rows with their labels,
    /// which the step must ignore) and applied to them; its slots are named after its report's key (<c>pca0</c>, …).
    /// </summary>
    private static (VBuffer<float>[] Features, IReadOnlyList<string> Slots) ApplyFeatureSpace(IFeatureSpaceTransform step, FeatureRun run, Dataset data,
        VBuffer<float>[] features, IProgress<WorkflowProgress>? progress)
    {
        var ml = new MLContext(0);
        var view = run.View(features, data.Labels ?? Enumerable.Repeat("", data.Count).ToList());
        var fitted = TrainWorkflow.FitFeatureSpace(ml, step, view, progress)!;
        try
        {
            var transformed = fitted.Transformer.Transform(view).GetColumn<VBuffer<float>>(FeaturePipeline.FeaturesColumn)
                .Select(v => new VBuffer<float>(v.Length, v.DenseValues().ToArray())).ToArray();
            var prefix = fitted.Report?.Key ?? "feature";
            var width = transformed.Length == 0 ? 0 : transformed[0].Length;
            return (transformed, Enumerable.Range(0, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}")).ToList());
        }
        finally
        {
            (fitted.Transformer as IDisposable)?.Dispose();
        }
    }

    /// <summary>The columns every features file starts with.</summary>
    internal static readonly string[] FixedColumns = ["path_or_row", "label"];

    /// <summary>One name per slot of the features vector, unique (and none equal to a fixed column), in order.</summary>
    internal static IReadOnlyList<string> SlotNames(FittedFeaturizer featurizer, DataViewSchema input)
    {
        var schema = featurizer.PartsSchema(input);
        var parts = new List<PartSlots>();
        foreach (var fitted in featurizer.FittedParts)
        {
            var part = fitted.Part;
            var column = schema[part.Name];
            var size = ((VectorDataViewType)column.Type).Size;
            var terms = default(VBuffer<ReadOnlyMemory<char>>);
            var named = column.HasSlotNames();
            if (named) column.GetSlotNames(ref terms);
            if (fitted.SlotNames is { } given && given.Count == size) // series features (mean, band0, d1_energy…), text vocabularies (word:free)
                parts.Add(new PartSlots(part.Name, given, Terms: true));
            else if (!named || terms.Length != size)
                parts.Add(new PartSlots(part.Name, Enumerable.Range(0, size).Select(i => $"{part.Name}_{i}").ToList(), Terms: false));
            else if (part.Kind == CategoricalPartProvider.KindName) // one-hot slots name their column: Island=Biscoe
                parts.Add(new PartSlots(part.Name, terms.DenseValues().Select(t => CategoricalPartProvider.SlotName(part.Inputs[0], t.ToString())).ToList(), Terms: false));
            else
                parts.Add(new PartSlots(part.Name, terms.DenseValues().Select(t => t.ToString()).ToList(), Terms: true));
        }
        return UniqueNames(parts);
    }

    /// <summary>The slots of one feature part: its name, its slots' names, and whether those are bare terms (vocabulary words, numeric column names).</summary>
    internal sealed record PartSlots(string Part, IReadOnlyList<string> Names, bool Terms);

    /// <summary>
    /// Output names, unique, none equal to a <see cref="FixedColumns">fixed column</see>: a term slot (a vocabulary term,
    /// a numeric column's name, a series feature) is always <c>&lt;part&gt;:&lt;term&gt;</c> (<c>text.sklearn-count:label</c>,
    /// one part or many, so a file's names do not change with the featurizers next to it); other slots keep their names
    /// (<c>image.resnet18_0</c>, <c>Island=Biscoe</c>); a name still repeated after that (only possible with odd column
    /// names) gets <c>~2</c>, <c>~3</c>, … in order of appearance.
    /// </summary>
    internal static IReadOnlyList<string> UniqueNames(IReadOnlyList<PartSlots> parts)
    {
        static bool Clash(IReadOnlyList<string> names)
        {
            var seen = new HashSet<string>(FixedColumns, StringComparer.Ordinal);
            return names.Any(n => !seen.Add(n));
        }
        var names = parts.SelectMany(p => p.Terms ? p.Names.Select(n => p.Part + ":" + n) : p.Names).ToList();
        if (!Clash(names)) return names;
        var taken = new HashSet<string>(FixedColumns.Concat(names), StringComparer.Ordinal);
        var used = new HashSet<string>(FixedColumns, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (used.Add(names[i])) continue;
            var n = 2;
            while (taken.Contains($"{names[i]}~{n}")) n++;
            names[i] = $"{names[i]}~{n}";
            taken.Add(names[i]);
            used.Add(names[i]);
        }
        return names;
    }
}
