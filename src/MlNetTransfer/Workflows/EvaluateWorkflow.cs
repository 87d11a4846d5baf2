using Microsoft.ML;
using MlNetTransfer.Data;

namespace MlNetTransfer.Workflows;

/// <summary>Evaluate = load a saved zip, run it over labelled data row by row (exactly as any ML.NET app would), compute metrics.</summary>
public static class EvaluateWorkflow
{
    public static ClassificationMetrics Run(string modelPath, string dataPath, string? label = null, string? metricsJson = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, BadInputPolicy onBadInput = BadInputPolicy.Fail)
    {
        if (metricsJson is not null) AtomicFile.CheckWritable(metricsJson, "metrics");
        var ml = new MLContext(0);
        using var model = ModelFile.Load(ml, modelPath);
        model.EnsureClassifier();
        var (data, bad) = BadInputScreen.Screen(ModelDataset.Load(model.InputSchema, dataPath, label, requireLabels: true, onBadInput), onBadInput, cancellation);
        if (bad.Count > 0)
            progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{bad.Count} unreadable examples left out of the evaluation; the first: {bad[0].Describe(data)}"));
        var scored = model.Transformer.Transform(data.ToDataView(includeLabel: false));
        var predictions = ScoredView.Read(scored, data.Ids, "Evaluating", progress, cancellation, data);
        var metrics = ClassificationMetrics.Compute(ScoredView.Labels(scored.Schema), data.Labels!, predictions);
        if (metricsJson is not null) AtomicFile.WriteText(metricsJson, metrics.ToJson());
        return metrics;
    }
}
