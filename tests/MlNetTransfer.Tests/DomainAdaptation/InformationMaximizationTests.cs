using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>IM = H(mean p) − mean H(p) in nats on predictions with known answers.</summary>
public sealed class InformationMaximizationTests
{
    [Fact]
    public void Uniform_predictions_score_0()
    {
        var rows = Enumerable.Range(0, 10).Select(_ => new[] { 0.25f, 0.25f, 0.25f, 0.25f }).ToArray();
        Assert.Equal(0, InformationMaximization.Score(rows), 1e-9);
    }

    [Fact]
    public void Confident_balanced_predictions_score_ln_C()
    {
        var rows = Enumerable.Range(0, 12).Select(i => Enumerable.Range(0, 4).Select(c => c == i % 4 ? 1f : 0f).ToArray()).ToArray();
        Assert.Equal(Math.Log(4), InformationMaximization.Score(rows), 1e-9);
    }

    [Fact]
    public void Confident_collapsed_predictions_score_0_and_a_mixed_case_its_hand_value()
    {
        var collapsed = Enumerable.Range(0, 5).Select(_ => new[] { 0f, 1f, 0f }).ToArray();
        Assert.Equal(0, InformationMaximization.Score(collapsed), 1e-9);

        // Rows (0.9, 0.1) and (0.2, 0.8): mean (0.55, 0.45).
        double H(params double[] p) => -p.Sum(v => v * Math.Log(v));
        var expected = H(0.55, 0.45) - (H(0.9, 0.1) + H(0.2, 0.8)) / 2;
        Assert.Equal(expected, InformationMaximization.Score([[0.9f, 0.1f], [0.2f, 0.8f]]), 1e-6);
    }

    [Fact]
    public void Bad_predictions_are_refused_naming_the_row()
    {
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => InformationMaximization.Score([])).Message);
        Assert.Contains("Row 1 has 3", Assert.Throws<ArgumentException>(() => InformationMaximization.Score([[0.5f, 0.5f], [0.2f, 0.3f, 0.5f]])).Message);
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() => InformationMaximization.Score([[0.5f, 0.6f]])).Message);
        Assert.Contains("Row 0 holds -0.5", Assert.Throws<ArgumentException>(() => InformationMaximization.Score([[-0.5f, 1.5f]])).Message);
    }
}
