using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Data;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Train = load -> split -> featurize train and test once (backbones frozen) -> fit the head on the in-memory features
/// -> score the test features -> save featurizer + head as one ML.NET zip -> write metrics.
/// </summary>
public static class TrainWorkflow
{
    public static TrainResult Run(TrainOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(string.Join("; ", problems) + ".");
        var outPath = AtomicFile.CheckWritable(options.Out, "model");
        if (options.MetricsJson is not null) AtomicFile.CheckWritable(options.MetricsJson, "metrics");
        var head = HeadKinds.Parse(options.Trainer);
        var policy = BadInputPolicies.Parse(options.OnBadInput);
        var datasetOptions = new DatasetOptions
        {
            LabelColumn = options.Label,
            ImageColumns = options.ImageColumns,
            TextColumns = options.TextColumns,
            NumericColumns = options.NumericColumns,
            OnBadInput = policy,
        };
        // Unreadable images are found before any backbone runs: the run fails at once or leaves them out.
        var (all, badData) = BadInputScreen.Screen(DatasetLoader.Load(options.Data, datasetOptions), policy, cancellation);
        var skipped = badData.Select(b => (all, b)).ToList();
        Dataset train, test;
        if (options.Test is null) (train, test) = all.Split(options.TestFraction, options.Seed);
        else
        {
            train = all;
            (test, var badTest) = BadInputScreen.Screen(DatasetLoader.Load(options.Test, SameColumns(all, options.Label) with { OnBadInput = policy }), policy, cancellation);
            skipped.AddRange(badTest.Select(b => (test, b)));
        }
        var reportPath = BadInputScreen.ReportPathFor(outPath);
        BadInputScreen.WriteReport(reportPath, skipped);
        if (skipped.Count > 0)
            progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{skipped.Count} unreadable examples left out; listed in {reportPath}"));
        var labels = train.DistinctLabels;
        var backbones = train.Columns.Any(c => c.Role == ColumnRole.Image)
            ? options.Backbones.Select(BackboneCatalog.Default.Resolve).ToList()
            : [];

        var (device, deviceMessage) = ComputeDevice.Parse(options.Device).Resolve();
        if (deviceMessage is not null) progress?.Report(new WorkflowProgress("Device", 0, 0, deviceMessage));
        var ml = new MLContext(options.Seed);
        using var cache = options.CacheDir is null ? null : EmbeddingCache.Open(options.CacheDir);
        using var engines = new BackboneEngines(device);
        using var featurizer = FeaturePipeline.Fit(ml, train, new FeaturizerOptions
        {
            ImageBackbones = backbones,
            TextFeaturizers = options.TextFeaturizers,
            GpuDeviceId = device.CudaDeviceId,
        });
        var trainFeatures = FeatureMaterializer.Run(featurizer, train, "Featurizing training data", progress, cancellation, engines, cache);
        var testFeatures = FeatureMaterializer.Run(featurizer, test, "Featurizing test data", progress, cancellation, engines, cache);

        var stage = $"Training {options.Trainer} head";
        progress?.Report(new WorkflowProgress(stage, 0, 0));
        var inputSchema = train.InputSchema;
        var epochs = progress is null ? null : new SynchronousProgress<MlpEpoch>(e => progress.Report(new WorkflowProgress(stage, e.Epoch, e.MaxEpochs, e.ToString())));
        // Sparse bag-of-words / tf-idf parts are already L2-normalised per row; standardising each slot would blow up
        // rare terms (and densify the vectors), so the lr and mlp heads standardise only embeddings and numbers.
        var standardize = !featurizer.Parts.Any(p => p.Kind == FeaturePartKind.TextVectorizer);
        var fitted = ClassificationHead.Fit(ml, FeatureMaterializer.ToView(featurizer, inputSchema, trainFeatures, train.Labels!), head, labels,
            mlp: new MlpOptions { Seed = options.Seed, Standardize = standardize }, progress: epochs, standardize: standardize);
        progress?.Report(new WorkflowProgress(stage, 1, 1));
        cancellation.ThrowIfCancellationRequested();

        var scored = fitted.Transform(FeatureMaterializer.ToView(featurizer, inputSchema, testFeatures, test.Labels!));
        var predictions = ScoredView.Read(scored, test.Ids, "Scoring test data", progress, cancellation);
        var metrics = ClassificationMetrics.Compute(labels, test.Labels!, predictions);

        progress?.Report(new WorkflowProgress("Saving model", 0, 1));
        var model = new TransformerChain<ITransformer>(featurizer.Transformer, fitted);
        model.GetOutputSchema(inputSchema); // the head was fitted on in-memory features: check it accepts the featurizer's output
        ModelFile.Save(ml, model, inputSchema, outPath);
        if (options.MetricsJson is not null) AtomicFile.WriteText(options.MetricsJson, metrics.ToJson());
        progress?.Report(new WorkflowProgress("Saving model", 1, 1));
        return new TrainResult(outPath, metrics, train.Count, test.Count, predictions,
            skipped.Select(s => s.Item2).ToList(), skipped.Count > 0 ? reportPath : null) { Featurizing = engines.Counters };
    }

    /// <summary>Options that load a second file with the training data's columns and roles.</summary>
    internal static DatasetOptions SameColumns(Dataset reference, string? label) => new()
    {
        LabelColumn = label,
        ImageColumns = reference.Columns.Where(c => c.Role == ColumnRole.Image).Select(c => c.Name).ToList(),
        TextColumns = reference.Columns.Where(c => c.Role == ColumnRole.Text).Select(c => c.Name).ToList(),
        NumericColumns = reference.Columns.Where(c => c.Role == ColumnRole.Numeric).Select(c => c.Name).ToList(),
    };
}
