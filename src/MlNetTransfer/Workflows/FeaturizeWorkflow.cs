using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Engine;
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
    public static int Run(string dataPath, IReadOnlyList<string> backboneNames, string outCsv, DatasetOptions? datasetOptions = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, string? cacheDir = null, string device = "cpu",
        IReadOnlyList<string>? textFeaturizers = null, BadInputPolicy onBadInput = BadInputPolicy.Fail)
    {
        AtomicFile.CheckWritable(outCsv, "features");
        var loaded = DatasetLoader.Load(dataPath, (datasetOptions ?? new DatasetOptions()) with { RequireLabels = false, OnBadInput = onBadInput });
        var (data, bad) = BadInputScreen.Screen(loaded, onBadInput, cancellation);
        var reportPath = BadInputScreen.ReportPathFor(outCsv);
        BadInputScreen.WriteReport(reportPath, bad.Select(b => (loaded, b)));
        if (bad.Count > 0)
            progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{bad.Count} unreadable examples left out; listed in {reportPath}"));
        var hasImages = data.Columns.Any(c => c.Role == ColumnRole.Image);
        if (hasImages && backboneNames.Count == 0)
            throw new UserInputException($"'{data.Source}' has image columns: name an image backbone with --backbone (for example resnet18).");
        var backbones = hasImages ? backboneNames.Select(BackboneCatalog.Default.Resolve).ToList() : [];

        var (computeDevice, deviceMessage) = ComputeDevice.Parse(device).Resolve();
        if (deviceMessage is not null) progress?.Report(new WorkflowProgress("Device", 0, 0, deviceMessage));
        var ml = new MLContext(0);
        using var cache = cacheDir is null ? null : EmbeddingCache.Open(cacheDir);
        using var engines = new BackboneEngines(computeDevice);
        using var featurizer = FeaturePipeline.Fit(ml, data, new FeaturizerOptions
        {
            ImageBackbones = backbones,
            TextFeaturizers = textFeaturizers ?? ["tfidf"],
            GpuDeviceId = computeDevice.CudaDeviceId,
        });
        var features = FeatureMaterializer.Run(featurizer, data, "Featurizing", progress, cancellation, engines, cache);
        var slots = SlotNames(featurizer, data.InputSchema);
        if (outCsv.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            ParquetOutput.Write(outCsv, [("path_or_row", data.Ids), ("label", data.Labels ?? Enumerable.Repeat("", data.Count).ToList())], slots,
                features.Select(f => f.DenseValues().ToArray()).ToList()); // Parquet is written column by column
        else // row by row: a sparse row is expanded only while it is written
            CsvOutput.Write(outCsv, ["path_or_row", "label", .. slots],
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
