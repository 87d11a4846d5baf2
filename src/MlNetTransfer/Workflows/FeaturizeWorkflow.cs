using System.Globalization;
using CsvHelper;
using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Featurize = run the frozen backbone(s) over a dataset and write one CSV row per input:
/// <c>path_or_row,label,&lt;slot&gt;…</c> (label empty when unknown). Slots are named <c>&lt;column&gt;.&lt;backbone&gt;_&lt;i&gt;</c>.
/// </summary>
public static class FeaturizeWorkflow
{
    public static int Run(string dataPath, IReadOnlyList<string> backboneNames, string outCsv, DatasetOptions? datasetOptions = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        AtomicFile.CheckWritable(outCsv, "features");
        var backbones = backboneNames.Select(BackboneCatalog.Default.Resolve).ToList();
        var data = DatasetLoader.Load(dataPath, (datasetOptions ?? new DatasetOptions()) with { RequireLabels = false });
        var images = data.Columns.Where(c => c.Role == ColumnRole.Image).ToList();
        if (images.Count == 0) throw new UserInputException($"'{data.Source}' has no image column to featurize.");
        var imagesOnly = data with { Columns = images };

        var ml = new MLContext(0);
        using var featurizer = new DisposableTransformer(
            FeaturePipeline.Create(ml, images, backbones).Fit(imagesOnly.ToDataView(includeLabel: false)));
        var features = FeatureMaterializer.Run(featurizer.Transformer, imagesOnly, "Featurizing", progress, cancellation);
        var slots = images.SelectMany(c => backbones.SelectMany(b => Enumerable.Range(0, b.EmbeddingSize).Select(i => $"{c.Name}.{b.Name}_{i}"))).ToList();

        AtomicFile.Write(outCsv, stream =>
        {
            using var writer = new StreamWriter(stream);
            using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
            csv.WriteField("path_or_row");
            csv.WriteField("label");
            foreach (var s in slots) csv.WriteField(s);
            csv.NextRecord();
            for (var r = 0; r < data.Count; r++)
            {
                csv.WriteField(data.Ids[r]);
                csv.WriteField(data.Labels?[r] ?? "");
                foreach (var v in features[r]) csv.WriteField(v.ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        });
        return data.Count;
    }
}
