using System.Diagnostics;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Bench;

/// <summary>Everything one <c>heads</c> run measured.</summary>
internal sealed record HeadsResults(
    HeadsOptions Options,
    MachineInfo Machine,
    DateTime StartedUtc,
    string Command,
    Dataset Train,
    Dataset Test,
    FeatureSet Frozen,
    FeatureSet Raw,
    IReadOnlyList<HeadResult> Heads,
    IReadOnlyList<HeadResult> FrozenMlpSeeds,
    IReadOnlyList<HeadResult> RawMlpSeeds,
    int MlpTrainingRows,
    int MlpValidationRows);

/// <summary>
/// The <c>heads</c> benchmark: featurize once with the frozen ResNet18, fit lr / fasttree / mlp on the same embeddings,
/// and compare with an MLP (and lr) trained from scratch on raw pixels with the same <see cref="MlpOptions"/>.
/// </summary>
internal static class HeadsBenchmark
{
    public const string Backbone = "resnet18";

    public static HeadsResults Run(HeadsOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var (train, test) = BenchData.Load(options);
        var labels = train.DistinctLabels;
        log.WriteLine($"train: {BenchData.Describe(train)} from {train.Source}");
        log.WriteLine($"test:  {BenchData.Describe(test)} from {test.Source}");

        var frozen = FeatureSet.FrozenBackbone(Backbone, train, test, options.Seed, new SynchronousProgress<WorkflowProgress>(ProgressPrinter(log)));
        log.WriteLine($"featurized with frozen {Backbone}: train {frozen.TrainTime.TotalSeconds:F1} s ({frozen.TrainMsPerImage:F1} ms/image), " +
                      $"test {frozen.TestTime.TotalSeconds:F1} s ({frozen.TestMsPerImage:F1} ms/image)");
        var raw = FeatureSet.RawPixels(train, test);
        log.WriteLine($"decoded raw pixels: train {raw.TrainTime.TotalSeconds:F1} s, test {raw.TestTime.TotalSeconds:F1} s");

        HeadResult Fit(string kind, FeatureSet features, int seed, bool verbose)
        {
            log.WriteLine($"fitting {kind} on {features.Name}, seed {seed} ...");
            var result = HeadRun.Run(kind, features, train, test, labels, seed, verbose ? e => log.WriteLine($"  {e}") : null);
            log.WriteLine($"  {kind} on {features.Name}, seed {seed}: accuracy {result.Metrics.Accuracy:F4}, " +
                          $"macro-F1 {result.Metrics.MacroF1:F4}, fit {result.FitTime.TotalSeconds:F2} s" + EpochSummary(result));
            return result;
        }

        var heads = new List<HeadResult>
        {
            Fit("lr", frozen, options.Seed, verbose: false),
            Fit("fasttree", frozen, options.Seed, verbose: false),
            Fit("mlp", frozen, options.Seed, verbose: true),
            Fit("mlp", raw, options.Seed, verbose: true),
            Fit("lr", raw, options.Seed, verbose: false),
        };
        var extraSeeds = Enumerable.Range(options.Seed + 1, options.ExtraSeeds).ToList();
        var frozenSeeds = new[] { heads[2] }.Concat(extraSeeds.Select(s => Fit("mlp", frozen, s, verbose: false))).ToList();
        var rawSeeds = new[] { heads[3] }.Concat(extraSeeds.Select(s => Fit("mlp", raw, s, verbose: false))).ToList();

        // The MLP holds out a stratified share of the training rows for early stopping; count them as MlpTrainer does.
        var labelIndex = train.Labels!.Select(l => labels.ToList().IndexOf(l)).ToList();
        var (mlpTrain, mlpValidation) = MlpTrainer.StratifiedSplit(labelIndex, labels.Count, new MlpOptions().ValidationFraction, new Random(options.Seed));

        return new HeadsResults(options, MachineInfo.Current(), started, command, train, test, frozen, raw, heads, frozenSeeds, rawSeeds,
            mlpTrain.Length, mlpValidation.Length);
    }

    public static string EpochSummary(HeadResult result) =>
        result.BestEpoch is { } best
            ? $", kept epoch {best.Epoch} of {result.Epochs!.Count} (validation loss {best.ValidationLoss:F4}, accuracy {best.ValidationAccuracy:F3})"
            : "";

    /// <summary>Prints a featurizing stage every 500 images with rate and time left.</summary>
    private static Action<WorkflowProgress> ProgressPrinter(TextWriter log)
    {
        var watch = new Stopwatch();
        return p =>
        {
            if (p.Done == 0) { watch.Restart(); return; }
            if (p.Done % 500 != 0 && p.Done != p.Total) return;
            var perImage = watch.Elapsed.TotalMilliseconds / p.Done;
            var left = TimeSpan.FromMilliseconds(perImage * (p.Total - p.Done));
            log.WriteLine($"  {p.Stage}: {p.Done:N0}/{p.Total:N0} ({perImage:F1} ms/image, {left:mm\\:ss} left)");
        };
    }
}
