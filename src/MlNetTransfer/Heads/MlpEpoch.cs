namespace MlNetTransfer.Heads;

/// <summary>One finished epoch of <see cref="MlpTrainer"/>: losses are mean (class-weighted) cross-entropy, without the L2 term.</summary>
public sealed record MlpEpoch(int Epoch, int MaxEpochs, double TrainLoss, double? ValidationLoss, double? ValidationAccuracy, bool IsBest)
{
    public override string ToString() => ValidationLoss is null
        ? $"epoch {Epoch}: train loss {TrainLoss:F4}"
        : $"epoch {Epoch}: train loss {TrainLoss:F4}, validation loss {ValidationLoss:F4}, accuracy {ValidationAccuracy:F4}{(IsBest ? " *" : "")}";
}
