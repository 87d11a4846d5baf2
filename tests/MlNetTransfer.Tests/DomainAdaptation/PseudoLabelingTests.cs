using Microsoft.ML;
using MlNetTransfer.Common;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Heads;
using Xunit.Abstractions;
using static MlNetTransfer.Tests.DomainAdaptation.ShiftedGaussians;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>Self-training, few-shot and co-training on <see cref="Translation"/>, where the source-only head is biased towards class b on the target.</summary>
public sealed class PseudoLabelingTests(ITestOutputHelper output)
{
    private static readonly AdaptationContext Lr = new(new LogisticRegressionHead()) { Seed = 1 };

    private static (double Accuracy, double ShareB) SourceOnly(MLContext ml, Translation shift)
    {
        var adapted = new AlignedHeadMethod(new NoAlignment()).Fit(ml, shift.Data(), Lr);
        return (Accuracy(adapted.TargetProbabilities, shift.TargetLabels), adapted.TargetProbabilities.Average(p => HeadOnRows.ArgMax(p) == 1 ? 1.0 : 0.0));
    }

    [Fact]
    public void Self_training_keeps_pseudo_labels_class_balanced_against_a_biased_head_and_raises_target_accuracy()
    {
        var ml = new MLContext(0);
        var shift = Translation.Make();
        var (sourceOnly, shareB) = SourceOnly(ml, shift);
        Assert.True(shareB > 0.7, $"the source-only head should be biased towards b on the target: {shareB:F2} of rows");

        var options = new SelfTrainingOptions();
        var run = PseudoLabeling.Run(ml, Labels(2), shift.Source, shift.SourceLabels, [], [], shift.Target, 10, options, Lr, "self-training");
        output.WriteLine(string.Join("; ", run.Rounds.Select(r => $"round {r.Round}: [{string.Join(", ", r.PerClass)}], {r.Changed} changed")) + $"; {run.StopReason}");
        Assert.True(run.Rounds.Count >= 2, $"{run.Rounds.Count} rounds");
        foreach (var round in run.Rounds)
            Assert.True(round.PerClass.Max() - round.PerClass.Min() <= 1 && round.PerClass.Min() > 0, $"round {round.Round}: [{string.Join(", ", round.PerClass)}]");
        Assert.True(run.Rounds[^1].PerClass[0] > run.Rounds[0].PerClass[0], "the cap grows each round");

        var progress = new List<WorkflowProgress>();
        var adapted = new SelfTrainingMethod(new NoAlignment()).Fit(ml, shift.Data(), Lr with { Progress = new SyncProgress<WorkflowProgress>(progress.Add) });
        var accuracy = Accuracy(adapted.TargetProbabilities, shift.TargetLabels);
        output.WriteLine($"source-only {sourceOnly:F3} (b: {shareB:F2}), self-training {accuracy:F3}: {adapted.Summary}");
        Assert.True(accuracy > sourceOnly + 0.15, $"self-training {accuracy:F3} vs source-only {sourceOnly:F3}");
        Assert.Equal(run.Rounds.Count, adapted.Values.Single(v => v.Key == "rounds").Value);
        Assert.Contains(progress, p => p.Detail?.StartsWith("round 1:") == true);
    }

    [Fact]
    public void Few_shot_refuses_no_labeled_target_rows_and_beats_source_only_with_three_per_class()
    {
        var ml = new MLContext(0);
        var shift = Translation.Make();
        var refused = Assert.Throws<UserInputException>(() => new FewShotMethod(new NoAlignment()).Fit(ml, shift.Data(), Lr));
        Assert.Contains("--target-labeled", refused.Message);

        var (sourceOnly, _) = SourceOnly(ml, shift);
        var adapted = new FewShotMethod(new NoAlignment()).Fit(ml, shift.Data(withLabeled: true), Lr);
        var accuracy = Accuracy(adapted.TargetProbabilities, shift.TargetLabels);
        output.WriteLine($"source-only {sourceOnly:F3}, few-shot {accuracy:F3}: {adapted.Summary}");
        Assert.True(accuracy > sourceOnly + 0.15, $"few-shot {accuracy:F3} vs source-only {sourceOnly:F3}");
        Assert.Equal(6, adapted.Values.Single(v => v.Key == "targetLabeledRows").Value);
    }

    [Fact]
    public void Co_training_uses_the_given_views_or_a_seeded_random_split_and_beats_source_only()
    {
        var ml = new MLContext(0);
        var shift = Translation.Make();
        var (sourceOnly, _) = SourceOnly(ml, shift);
        int[][] views = [[0, 1, 2, 3], [4, 5, 6, 7, 8, 9]];
        var given = new CoTrainingMethod(new NoAlignment()).Fit(ml, shift.Data(views: views), Lr);
        var random = new CoTrainingMethod(new NoAlignment()).Fit(ml, shift.Data(), Lr);
        double Value(AdaptedHead a, string key) => a.Values.Single(v => v.Key == key).Value;
        Assert.Equal(1, Value(given, "viewsGiven"));
        Assert.Equal(4, Value(given, "view1Features"));
        Assert.Equal(6, Value(given, "view2Features"));
        Assert.Equal(0, Value(random, "viewsGiven"));
        Assert.Equal(5, Value(random, "view1Features"));

        var (a, b, wasGiven) = CoTrainingMethod.Views([], 10, 10, seed: 4);
        Assert.False(wasGiven);
        Assert.Equal(Enumerable.Range(0, 10), a.Concat(b).Order());
        Assert.Equal(a, CoTrainingMethod.Views([], 10, 10, seed: 4).A);
        Assert.NotEqual(a, CoTrainingMethod.Views([], 10, 10, seed: 5).A);
        // One view only: a random split.
        Assert.False(CoTrainingMethod.Views([[0, 1]], 10, 10, seed: 4).Given);

        foreach (var (name, adapted) in new[] { ("given views", given), ("random split", random) })
        {
            var accuracy = Accuracy(adapted.TargetProbabilities, shift.TargetLabels);
            output.WriteLine($"{name}: {accuracy:F3} vs source-only {sourceOnly:F3}: {adapted.Summary}");
            Assert.True(accuracy > sourceOnly + 0.1, $"co-training ({name}) {accuracy:F3} vs source-only {sourceOnly:F3}");
        }
    }

    [Fact]
    public void Invalid_options_and_cancellation_are_refused()
    {
        var ml = new MLContext(0);
        var data = Translation.Make().Data();
        var bad = Assert.Throws<UserInputException>(() => new SelfTrainingMethod(new NoAlignment(), new SelfTrainingOptions { Rounds = 0, Threshold = 2 }).Fit(ml, data, Lr));
        Assert.Contains("rounds must be at least 1", bad.Message);
        Assert.Contains("threshold must be in (0, 1]", bad.Message);
        Assert.Contains("hidden width", Assert.Throws<UserInputException>(() => new DannMethod(new DannOptions { Hidden = 0 }).Fit(ml, data, Lr)).Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        foreach (var method in new IDomainAdaptationMethod[] { new SelfTrainingMethod(new NoAlignment()), new CoTrainingMethod(new NoAlignment()), new DannMethod() })
            Assert.ThrowsAny<OperationCanceledException>(() => method.Fit(ml, data, Lr with { Cancellation = cancelled.Token }));
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
