using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Featurize = run the frozen backbone(s) over a dataset and write one row per input, to CSV or (for a .parquet path) Parquet:
/// <c>path_or_row,label,&lt;slot&gt;…</c> (label empty when unknown). Slots are named <c>&lt;column&gt;.&lt;backbone&gt;_&lt;i&gt;</c>.
/// </summary>
public static class FeaturizeWorkflow
{
    public static int Run(string dataPath, IReadOnlyList<string> backboneNames, string outCsv, DatasetOptions? datasetOptions = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, string? cacheDir = null, string device = "cpu")
    {
        AtomicFile.CheckWritable(outCsv, "features");
        var backbones = backboneNames.Select(BackboneCatalog.Default.Resolve).ToList();
        var data = DatasetLoader.Load(dataPath, (datasetOptions ?? new DatasetOptions()) with { RequireLabels = false });
        var images = data.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        if (images.Count == 0) throw new UserInputException($"'{data.Source}' has no image column to featurize.");
        var imagesOnly = data with { Columns = images };

        var (computeDevice, deviceMessage) = ComputeDevice.Parse(device).Resolve();
        if (deviceMessage is not null) progress?.Report(new WorkflowProgress("Device", 0, 0, deviceMessage));
        var ml = new MLContext(0);
        using var cache = cacheDir is null ? null : EmbeddingCache.Open(cacheDir);
        using var featurizer = new DisposableTransformer(
            FeaturePipeline.Create(ml, images, backbones, computeDevice.CudaDeviceId).Fit(imagesOnly.ToDataView(includeLabel: false)));
        var features = FeatureMaterializer.Run(featurizer.Transformer, imagesOnly, backbones, "Featurizing", progress, cancellation, cache, computeDevice);
        var slots = images.SelectMany(c => backbones.SelectMany(b => Enumerable.Range(0, b.EmbeddingSize).Select(i => $"{c.Name}.{b.Name}_{i}"))).ToList();

        if (outCsv.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            ParquetOutput.Write(outCsv, [("path_or_row", data.Ids), ("label", data.Labels ?? Enumerable.Repeat("", data.Count).ToList())], slots, features);
        else
            CsvOutput.Write(outCsv, ["path_or_row", "label", .. slots],
                Enumerable.Range(0, data.Count).Select(r => (IEnumerable<string>)[data.Ids[r], data.Labels?[r] ?? "", .. features[r].Select(CsvOutput.Number)]));
        return data.Count;
    }
}
