namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// One finished epoch of <see cref="DannTrainer"/>, measured after the epoch on a fixed sample of up to 1,000 rows of
/// each domain (no training on it): the domain discriminator's accuracy on the adapter's representation (0.5 is chance:
/// the domains look alike), the label head's accuracy on source rows and the mean entropy of its target predictions (nats).
/// The losses are the epoch's means over its steps.
/// </summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="Lambda">λ_p, the weight of the reversed domain gradient, at the epoch's last step.</param>
/// <param name="LabelLoss">Mean cross-entropy of the labeled rows.</param>
/// <param name="DomainLoss">Mean binary cross-entropy of the discriminator.</param>
/// <param name="DomainAccuracy">The discriminator's accuracy on the sample, both domains weighed equally.</param>
/// <param name="SourceAccuracy">The label head's accuracy on the source sample.</param>
/// <param name="TargetEntropy">Mean entropy of the label head's target predictions.</param>
public sealed record DannEpoch(int Epoch, int Epochs, double Lambda, double LabelLoss, double DomainLoss, double DomainAccuracy, double SourceAccuracy, double TargetEntropy)
{
    /// <summary>One progress line: <c>epoch 3/30: λ 0.46, label loss 0.2100, domain accuracy 0.61, source accuracy 0.97</c>.</summary>
    public override string ToString() =>
        $"epoch {Epoch}/{Epochs}: λ {Lambda:F2}, label loss {LabelLoss:F4}, domain loss {DomainLoss:F4}, domain accuracy {DomainAccuracy:F2}, source accuracy {SourceAccuracy:F2}, target entropy {TargetEntropy:F3}";
}
