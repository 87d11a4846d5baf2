namespace MlNetTransfer.FineTuning;

/// <summary>
/// One finished joint epoch of <see cref="StageFineTuner"/> (epoch 0: the frozen backbone with the warm-up head, before any
/// stage update). Losses are mean cross-entropy without the L2 terms.
/// </summary>
/// <param name="Epoch">1-based epoch; 0 for the starting point.</param>
/// <param name="MaxEpochs">The epoch bound (<see cref="FineTuneOptions.Epochs"/>).</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (with dropout); NaN for epoch 0.</param>
/// <param name="ValidationLoss">Loss on the validation split; null without one.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split; null without one.</param>
/// <param name="IsBest">Whether this epoch's weights are the best so far (kept).</param>
/// <param name="Seconds">Wall-clock seconds the epoch took.</param>
/// <param name="SecondsLeft">Estimated seconds left if every remaining epoch runs (early stopping may end sooner).</param>
public sealed record FineTuneEpoch(int Epoch, int MaxEpochs, double TrainLoss, double? ValidationLoss, double? ValidationAccuracy, bool IsBest,
    double Seconds, double SecondsLeft)
{
    /// <summary>One progress line, for example <c>epoch 3 of 10: train loss 0.2100, validation loss 0.3300, accuracy 0.9000 * (41.2 s, about 288 s left)</c>.</summary>
    public override string ToString() =>
        (Epoch == 0 ? "frozen backbone, warm-up head" : $"epoch {Epoch} of {MaxEpochs}: train loss {TrainLoss:F4}") +
        (ValidationLoss is null ? "" : $"{(Epoch == 0 ? ":" : ",")} validation loss {ValidationLoss:F4}, accuracy {ValidationAccuracy:F4}") +
        (IsBest ? " *" : "") + (Epoch == 0 ? "" : $" ({Seconds:0.0} s, about {SecondsLeft:0} s left)");
}
