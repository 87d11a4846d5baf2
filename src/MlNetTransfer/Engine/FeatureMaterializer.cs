using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Engine;

/// <summary>
/// Runs a fitted featurizer once over a dataset and keeps the features in memory, so heads fit on them without
/// re-running a backbone (the effect of a cache checkpoint before the trainable steps). Backbone parts run in batches
/// through the run's <see cref="BackboneEngines"/> (and its embedding cache); parts with a direct training path
/// (<see cref="IDirectFeatureRows"/>: vocabularies) compute their rows themselves; the other parts (numeric columns, any
/// kind without a faster path) are read from the fitted featurizer's own steps, before its final concatenation. The parts are then
/// concatenated in <see cref="FeaturePipeline.Plan"/>'s order, which is exactly the featurizer's output. Sparse parts
/// stay sparse.
/// </summary>
internal static class FeatureMaterializer
{
    public static VBuffer<float>[] Run(FittedFeaturizer featurizer, Dataset dataset, string stage, IProgress<WorkflowProgress>? progress,
        CancellationToken cancellation, BackboneEngines engines, EmbeddingCache? cache = null)
    {
        var parts = featurizer.Parts;
        var blocks = new VBuffer<float>[parts.Count][];
        var engineParts = parts.Count(p => p.IsBackbone);
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            if (part.Backbone is not { } backbone) continue;
            var label = engineParts == 1 && parts.Count == 1 ? stage : $"{stage} ({part.Inputs[0]}, {part.Featurizer})";
            float[][] embedded;
            if (backbone.Image is not null)
            {
                var engine = engines.Image(backbone);
                var before = engine.ImagesRun;
                embedded = engine.Embed(dataset, part.Inputs[0], label, progress, cancellation, cache);
                engines.Counters.Add(engine.ImagesRun - before, engine.CacheHits);
            }
            else if (backbone.Text is not null)
            {
                var engine = engines.Text(backbone);
                var before = engine.TextsRun;
                embedded = engine.Embed(dataset, part.Inputs[0], label, progress, cancellation, cache);
                engines.Counters.Add(engine.TextsRun - before, engine.CacheHits);
            }
            else throw new InvalidOperationException($"Backbone '{backbone.Name}' of part '{part.Name}' is neither an image nor a text backbone.");
            blocks[p] = embedded.Select(e => new VBuffer<float>(e.Length, e)).ToArray();
        }

        // Parts with a direct training path (vocabularies: equal to the saved steps to 1e-6, tested in Text/).
        for (var p = 0; p < parts.Count; p++)
            if (blocks[p] is null && featurizer.FittedParts[p] is IDirectFeatureRows direct)
            {
                cancellation.ThrowIfCancellationRequested();
                var partLabel = parts.Count == 1 ? stage : $"{stage} ({parts[p].Name})";
                progress?.Report(new WorkflowProgress(partLabel, 0, dataset.Count));
                blocks[p] = direct.Rows(dataset, ReferenceEquals(dataset, featurizer.FittedOn));
                progress?.Report(new WorkflowProgress(partLabel, dataset.Count, dataset.Count));
            }

        var rowParts = Enumerable.Range(0, parts.Count).Where(p => blocks[p] is null).ToList();
        if (rowParts.Count > 0)
        {
            foreach (var p in rowParts) blocks[p] = new VBuffer<float>[dataset.Count];
            // Only the non-backbone parts' steps are chained (each part reads input columns only), so the featurizer's ONNX
            // steps are neither built nor run here.
            // A part reading an image column gets EXIF-rotated images upright, as the engine and evaluate / predict do.
            var imageColumns = dataset.Columns.Where(c => c.Role == ColumnRole.Image).Select(c => c.Name).ToHashSet();
            using var upright = new UprightImages();
            var fed = rowParts.Any(p => parts[p].Inputs.Any(imageColumns.Contains)) ? upright.Apply(dataset) : dataset;
            var view = new TransformerChain<ITransformer>(rowParts.Select(p => featurizer.FittedParts[p].Transformer).ToArray())
                .Transform(fed.ToDataView(includeLabel: false));
            var getters = new ValueGetter<VBuffer<float>>[parts.Count];
            var buffer = default(VBuffer<float>);
            var label = engineParts == 0 ? stage : $"{stage} ({string.Join(", ", rowParts.Select(p => parts[p].Name))})";
            RowScan.ForEach(view, dataset.Ids, rowParts.Select(p => parts[p].Name).ToList(), label, (row, i) =>
            {
                foreach (var p in rowParts)
                {
                    getters[p] ??= row.GetGetter<VBuffer<float>>(row.Schema[parts[p].Name]);
                    getters[p](ref buffer);
                    blocks[p][i] = FeatureVectors.Copy(buffer);
                }
            }, progress, cancellation, from => ImageCheck.FirstUndecodable(dataset, from));
        }

        CheckShapes(featurizer, dataset, blocks);
        var features = new VBuffer<float>[dataset.Count];
        var row = new VBuffer<float>[parts.Count];
        for (var i = 0; i < dataset.Count; i++)
        {
            for (var p = 0; p < parts.Count; p++) row[p] = blocks[p][i];
            features[i] = FeatureVectors.Concat(row);
        }
        return features;
    }

    /// <summary>
    /// One row per example and each row of its part's size, whichever way a part was computed: a provider's direct rows
    /// or an engine that disagree with the saved steps' shape are a bug, named here rather than as a misaligned model.
    /// </summary>
    private static void CheckShapes(FittedFeaturizer featurizer, Dataset dataset, VBuffer<float>[][] blocks)
    {
        var schema = featurizer.PartsSchema(dataset.InputSchema);
        for (var p = 0; p < blocks.Length; p++)
        {
            var part = featurizer.Parts[p];
            var size = ((VectorDataViewType)schema[part.Name].Type).Size;
            if (blocks[p].Length != dataset.Count)
                throw new InvalidOperationException($"Feature part '{part.Name}' ({part.Kind}) computed {blocks[p].Length} rows for {dataset.Count} examples.");
            var bad = Array.FindIndex(blocks[p], r => r.Length != size);
            if (bad >= 0)
                throw new InvalidOperationException($"Feature part '{part.Name}' ({part.Kind}) computed {blocks[p][bad].Length} values for row {bad + 1}; its saved steps make {size}.");
        }
    }

    /// <summary>
    /// A view of features and labels to fit a head on. The features column has exactly the featurizer's output type
    /// (for example a flat Vector&lt;Single, 512&gt;, or the dimensions of a raw ONNX output such as Vector&lt;Single, 1, 512&gt;), since a trainer checks it when scoring.
    /// </summary>
    public static IDataView ToView(FittedFeaturizer featurizer, DataViewSchema featurizerInput, IReadOnlyList<VBuffer<float>> features, IReadOnlyList<string> labels)
    {
        var type = featurizer.FeaturesType(featurizerInput);
        return new TableDataView(features.Count)
            .AddVector(FeaturePipeline.FeaturesColumn, features, type)
            .AddText(Dataset.LabelColumn, labels);
    }

    /// <summary><see cref="ToView(FittedFeaturizer, DataViewSchema, IReadOnlyList{VBuffer{float}}, IReadOnlyList{string})"/> for a regression: the label a float column.</summary>
    public static IDataView ToView(FittedFeaturizer featurizer, DataViewSchema featurizerInput, IReadOnlyList<VBuffer<float>> features, IReadOnlyList<float> targets)
    {
        var type = featurizer.FeaturesType(featurizerInput);
        return new TableDataView(features.Count)
            .AddVector(FeaturePipeline.FeaturesColumn, features, type)
            .AddSingle(Dataset.LabelColumn, targets);
    }
}
