using Microsoft.ML;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Heads;
using static MlNetTransfer.Tests.DomainAdaptation.ShiftedGaussians;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// Every method's returned transformer, saved with a schema whose <c>Features</c> is a vector of d floats and reloaded,
/// predicts the labels it predicted before saving, and its probabilities on the target rows are the method's
/// <see cref="AdaptedHead.TargetProbabilities"/> to 1e-5 (DANN: through the mlp head's ONNX graph).
/// </summary>
public sealed class AdaptedModelTests
{
    public static TheoryData<string> Methods => new() { "none+lr", "centering+mlp", "self-training+lr", "self-training+centering+lr", "co-training+lr", "few-shot+lr", "dann" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Saved_model_reloads_and_predicts_the_target_probabilities(string name)
    {
        var ml = new MLContext(0);
        var shift = Translation.Make();
        var mlp = new MultilayerPerceptronHead(new MlpOptions { MaxEpochs = 15, MinimumSteps = 0, ValidationFraction = 0, Seed = 1 });
        var context = new AdaptationContext(name.EndsWith("mlp") ? mlp : new LogisticRegressionHead()) { Seed = 1 };
        IFeatureAlignment alignment = name.Contains("centering") ? new CenteringAlignment() : new NoAlignment();
        IDomainAdaptationMethod method = name.Split('+')[0] switch
        {
            "self-training" => new SelfTrainingMethod(alignment, new SelfTrainingOptions { Rounds = 2 }),
            "co-training" => new CoTrainingMethod(alignment, new CoTrainingOptions { Rounds = 2 }),
            "few-shot" => new FewShotMethod(alignment),
            "dann" => new DannMethod(new DannOptions { Hidden = 16, DiscriminatorHidden = 16, Epochs = 5 }),
            _ => new AlignedHeadMethod(alignment),
        };
        var adapted = method.Fit(ml, shift.Data(withLabeled: name.StartsWith("few-shot")), context);

        var (before, after, reloaded) = SaveAndReload(ml, adapted.Transformer, shift.Target, 2);

        Assert.Equal(before, after);
        Assert.Equal(shift.Target.Length, adapted.TargetProbabilities.Count);
        for (var i = 0; i < reloaded.Length; i++)
        {
            Assert.Equal(Labels(2)[HeadOnRows.ArgMax(adapted.TargetProbabilities[i])], after[i]);
            for (var k = 0; k < 2; k++) Assert.Equal(adapted.TargetProbabilities[i][k], reloaded[i][k], 1e-5f);
        }
        Assert.False(string.IsNullOrWhiteSpace(adapted.Summary));
        Assert.EndsWith(".", adapted.Summary);
    }
}
