using Microsoft.ML;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Heads;
using Xunit.Abstractions;
using static MlNetTransfer.Tests.DomainAdaptation.ShiftedGaussians;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// DANN (Ganin et al. 2016) on three Gaussian classes whose target domain is the source rotated by 50° in the plane of
/// the class means, scaled by 2 and shifted by 1 (per-domain standardisation undoes the scale and shift, not the rotation).
/// </summary>
public sealed class DannTests(ITestOutputHelper output)
{
    private static readonly DannOptions Small = new() { Hidden = 64, DiscriminatorHidden = 64, Epochs = 120 };

    private static (float[][] Source, int[] SourceLabels, float[][] Target, int[] TargetLabels) Rotated()
    {
        var random = new Random(2);
        var means = Circle(3, 16, 6);
        var (s, sl) = Draw(random, means, [150, 150, 150]);
        var (t, tl) = Draw(random, means, [150, 150, 150], Rotate(50, 2, 1));
        return (s, sl, t, tl);
    }

    /// <summary>Accuracy of a fresh domain classifier (a small MLP) trained on half of the rows of each domain and tested on the other half.</summary>
    private static double DomainProbe(float[][] source, float[][] target)
    {
        var rows = source.Concat(target).ToArray();
        var domain = source.Select(_ => 0).Concat(target.Select(_ => 1)).ToArray();
        var train = Enumerable.Range(0, rows.Length).Where(i => i % 2 == 0).ToArray();
        var test = Enumerable.Range(0, rows.Length).Where(i => i % 2 == 1).ToArray();
        var probe = MlpTrainer.Train(train.Select(i => rows[i]).ToList(), train.Select(i => domain[i]).ToList(), 2,
            new MlpOptions { HiddenLayers = [64], MaxEpochs = 300, LearningRate = 3e-3f, MinimumSteps = 0, ValidationFraction = 0, Dropout = 0, Seed = 3 });
        var predicted = probe.Predict(test.Select(i => rows[i]).ToList());
        return (double)test.Where((i, k) => HeadOnRows.ArgMax(predicted[k]) == domain[i]).Count() / test.Length;
    }

    [Fact]
    public void The_domains_become_hard_to_tell_apart_while_source_accuracy_holds_and_target_accuracy_beats_source_only()
    {
        var (s, sl, t, tl) = Rotated();
        var dann = DannTrainer.Train(s, sl, t, 3, Small, seed: 1);
        var plain = DannTrainer.Train(s, sl, t, 3, Small with { DomainWeight = 0 }, seed: 1);
        var dannProbe = DomainProbe(dann.Represent(s, false), dann.Represent(t, true));
        var plainProbe = DomainProbe(plain.Represent(s, false), plain.Represent(t, true));
        var sourceAccuracy = Accuracy(dann.PredictSource(s), sl);
        var targetAccuracy = Accuracy(dann.Model.Predict(t), tl);
        var ml = new MLContext(0);
        var data = new AdaptationData(Labels(3), s, sl, t);
        var sourceOnly = new AlignedHeadMethod(new NoAlignment()).Fit(ml, data,
            new AdaptationContext(new MultilayerPerceptronHead(new MlpOptions { MaxEpochs = 60, MinimumSteps = 0, ValidationFraction = 0, Seed = 1 })));
        var sourceOnlyAccuracy = Accuracy(sourceOnly.TargetProbabilities, tl);
        output.WriteLine($"domain probe: dann {dannProbe:F3}, no reversal {plainProbe:F3}; discriminator first {dann.History[0].DomainAccuracy:F2} last {dann.History[^1].DomainAccuracy:F2} (no reversal {plain.History[^1].DomainAccuracy:F2}); " +
                         $"source {sourceAccuracy:F3}; target {targetAccuracy:F3} vs source-only mlp {sourceOnlyAccuracy:F3}");
        // A fresh domain classifier on held-out rows: separates the representation trained without reversal, much less DANN's.
        Assert.True(plainProbe > 0.75, $"without reversal the domains should be separable: {plainProbe:F3}");
        Assert.True(dannProbe < 0.7 && dannProbe < plainProbe - 0.1, $"with reversal the domains should look alike: {dannProbe:F3} (without: {plainProbe:F3})");
        // The discriminator trained alongside: wins without reversal, is held back with it.
        Assert.True(plain.History[^1].DomainAccuracy > 0.9, $"discriminator without reversal: {plain.History[^1].DomainAccuracy:F3}");
        Assert.True(dann.History[^1].DomainAccuracy < plain.History[^1].DomainAccuracy - 0.1, $"discriminator with reversal: {dann.History[^1].DomainAccuracy:F3}");
        Assert.True(sourceAccuracy >= 0.9, $"source accuracy {sourceAccuracy:F3}");
        Assert.True(targetAccuracy > sourceOnlyAccuracy + 0.03, $"target accuracy {targetAccuracy:F3} vs source-only {sourceOnlyAccuracy:F3}");
    }
}
