using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Featurize = fit the featurizer on a dataset (vocabularies, numeric statistics; backbones are frozen), run it over the
/// same rows and write one row per input, to CSV or (for a .parquet path) Parquet: <c>path_or_row,label,&lt;slot&gt;…</c>
/// (label empty when unknown). Backbone slots are named <c>&lt;column&gt;.&lt;backbone&gt;_&lt;i&gt;</c>; vocabulary slots by
/// their term (for the sklearn modes in scikit-learn's order), prefixed with <c>&lt;column&gt;.&lt;featurizer&gt;:</c> when
/// the features have more than one part. With <see cref="BadInputPolicy.Skip"/>, unreadable examples are left out and
/// listed in <c>&lt;out&gt;.bad-inputs.csv</c>.
/// </summary>
public static class FeaturizeWorkflow
{
    /// <summary>
    /// Featurizes <see cref="FeaturizeOptions.Data"/> and writes <see cref="FeaturizeOptions.Out"/>; returns the number of
    /// rows written. A <see cref="UserInputException"/> for bad options or data (naming the file, row or column).
    /// </summary>
    public static int Run(FeaturizeOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        var outPath = options.Out;
        AtomicFile.CheckWritable(outPath, "features");
        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var data = DataStage.LoadScreened(options.Data,
            DataStage.Columns(options.Label, options.ImageColumns, options.TextColumns, options.NumericColumns, options.OnBadInput, requireLabels: false)
                with { MaxImagePixels = options.MaxImagePixels },
            skipped, cancellation);
        DataStage.ReportSkipped(outPath, skipped, progress);

        using var run = FeatureRun.Start(new MLContext(0), data, options.FeatureRun, progress, cancellation);
        var features = run.Materialize(data, "Featurizing");
        var slots = SlotNames(run.Featurizer, data.InputSchema);
        if (outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            ParquetOutput.Write(outPath, [("path_or_row", data.Ids), ("label", data.Labels ?? Enumerable.Repeat("", data.Count).ToList())], slots,
                features.Select(f => f.DenseValues().ToArray()).ToList()); // Parquet is written column by column
        else // row by row: a sparse row is expanded only while it is written
            CsvOutput.Write(outPath, ["path_or_row", "label", .. slots],
                Enumerable.Range(0, data.Count).Select(r => (IEnumerable<string>)[data.Ids[r], data.Labels?[r] ?? "", .. features[r].DenseValues().Select(CsvOutput.Number)]));
        return data.Count;
    }

    /// <summary>One name per slot of the features vector, unique, in order.</summary>
    internal static IReadOnlyList<string> SlotNames(FittedFeaturizer featurizer, DataViewSchema input)
    {
        var schema = featurizer.PartsTransformer.GetOutputSchema(input);
        var names = new List<string>();
        foreach (var part in featurizer.Parts)
        {
            var column = schema[part.Name];
            var size = ((VectorDataViewType)column.Type).Size;
            var terms = default(VBuffer<ReadOnlyMemory<char>>);
            var named = column.HasSlotNames();
            if (named) column.GetSlotNames(ref terms);
            if (!named || terms.Length != size)
            {
                names.AddRange(Enumerable.Range(0, size).Select(i => $"{part.Name}_{i}"));
                continue;
            }
            var prefix = featurizer.Parts.Count == 1 ? "" : part.Name + ":";
            names.AddRange(terms.DenseValues().Select(t => prefix + t.ToString()));
        }
        return names;
    }
}
