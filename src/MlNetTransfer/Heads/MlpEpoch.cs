namespace MlNetTransfer.Heads;

/// <summary>
/// One finished epoch of <see cref="MlpTrainer"/>: losses are mean (class-weighted) cross-entropy for a classifier, mean
/// squared error on the standardised target for a regression (<see cref="ValidationAccuracy"/> null), without the L2 term.
/// </summary>
public sealed record MlpEpoch(int Epoch, int MaxEpochs, double TrainLoss, double? ValidationLoss, double? ValidationAccuracy, bool IsBest)
{
    /// <summary>
    /// True for an epoch of the refit (<see cref="MlpOptions.Refit"/>): a fresh network trained on every row for the number
    /// of epochs early stopping chose (<see cref="MaxEpochs"/> is then that number); such an epoch has no validation loss.
    /// </summary>
    public bool Refit { get; init; }

    /// <summary>
    /// One progress line: <c>epoch 3: train loss 0.4121</c> (a refit epoch: <c>refit on all rows, epoch 3 of 12: train loss 0.4121</c>), and with a validation split
    /// <c>epoch 3: train loss 0.4121, validation loss 0.4530, accuracy 0.8600 *</c> (<c>*</c> marks a new best epoch;
    /// a regression has no accuracy: <c>epoch 3: train loss 0.4121, validation loss 0.4530 *</c>).
    /// </summary>
    public override string ToString() => Refit
        ? $"refit on all rows, epoch {Epoch} of {MaxEpochs}: train loss {TrainLoss:F4}"
        : ValidationLoss is null
        ? $"epoch {Epoch}: train loss {TrainLoss:F4}"
        : $"epoch {Epoch}: train loss {TrainLoss:F4}, validation loss {ValidationLoss:F4}" +
          (ValidationAccuracy is null ? "" : $", accuracy {ValidationAccuracy:F4}") + (IsBest ? " *" : "");
}
