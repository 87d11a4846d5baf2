using System.Diagnostics;
using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>One head fitted on one feature set and scored on the test features.</summary>
internal sealed record HeadResult(
    string Head, FeatureSet Features, int Seed, ClassificationMetrics Metrics, TimeSpan FitTime, TimeSpan ScoreTime, IReadOnlyList<MlpEpoch>? Epochs)
{
    /// <summary>The epoch whose weights the MLP kept (the last with a new best validation loss), or null.</summary>
    public MlpEpoch? BestEpoch => Epochs?.LastOrDefault(e => e.IsBest);

    /// <summary>Training time including making the training features (backbone or decoding).</summary>
    public TimeSpan TrainTotal => Features.TrainTime + FitTime;
}

/// <summary>Fits and scores a head on in-memory features along the code path of <see cref="TrainWorkflow"/>.</summary>
internal static class HeadRun
{
    public static HeadResult Run(string kind, FeatureSet features, Dataset train, Dataset test, IReadOnlyList<string> labels, int seed,
        Action<MlpEpoch>? onEpoch = null)
    {
        var ml = new MLContext(seed); // a fresh context per head: results do not depend on the order heads run in
        var trainView = features.View(features.Train, train.Labels!);
        var testView = features.View(features.Test, test.Labels!);
        List<MlpEpoch>? epochs = kind == "mlp" ? [] : null;
        var progress = epochs is null ? null : new SynchronousProgress<MlpEpoch>(e => { epochs.Add(e); onEpoch?.Invoke(e); });

        var watch = Stopwatch.StartNew();
        var fitted = ClassificationHead.Fit(ml, trainView, kind, new HeadTrainingContext(labels) { Seed = seed, Progress = progress });
        var fitTime = watch.Elapsed;
        try
        {
            watch.Restart();
            var predictions = ScoredView.Read(fitted.Transform(testView), test.Ids, "Scoring test data", null, default);
            var scoreTime = watch.Elapsed;
            var metrics = ClassificationMetrics.Compute(labels, test.Labels!, predictions);
            return new HeadResult(kind, features, seed, metrics, fitTime, scoreTime, epochs);
        }
        finally
        {
            (fitted as IDisposable)?.Dispose(); // the mlp head holds an ONNX session
        }
    }

}
