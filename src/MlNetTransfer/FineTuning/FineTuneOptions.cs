using MlNetTransfer.Heads;

namespace MlNetTransfer.FineTuning;

/// <summary>
/// Settings of fine-tuning (<see cref="StageFineTuner"/>): how deep to unfreeze, the MLP head (trained first on the frozen
/// embeddings, then with the stage), the stage's own learning rate and weight decay, and early stopping on the head's
/// stratified validation split. BatchNormalization statistics stay frozen (inference-mode normalisation throughout).
/// </summary>
public sealed record FineTuneOptions
{
    /// <summary>Which cut point of the manifest to train from. Default <see cref="UnfreezeDepth.LastBlock"/>.</summary>
    public UnfreezeDepth Unfreeze { get; init; } = UnfreezeDepth.LastBlock;

    /// <summary>
    /// The head's settings: hidden layers, dropout, L2, learning rate (also the head's rate while the stage trains), batch
    /// size, validation fraction and <see cref="MlpOptions.Seed"/>. <see cref="MlpOptions.Refit"/> is ignored: the warm-up
    /// head trains on the training part only, so the validation rows stay unseen for the joint epochs.
    /// </summary>
    public MlpOptions Head { get; init; } = new();

    /// <summary>Adam step size of the unfrozen stage; null (default): 10x smaller than <see cref="MlpOptions.LearningRate"/>, so the pretrained features are not forgotten.</summary>
    public float? BackboneLearningRate { get; init; }

    /// <summary>The stage's learning rate: <see cref="BackboneLearningRate"/>, or the head's / 10.</summary>
    public float StageLearningRate => BackboneLearningRate ?? Head.LearningRate / 10;

    /// <summary>L2 penalty on the stage's Conv weights (loss += decay/2 · Σw²); BatchNormalization scales and biases are not decayed. Default 1e-4.</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Train BatchNormalization's scale and bias with the Conv weights (default true); their running statistics are frozen either way.</summary>
    public bool TrainBatchNorm { get; init; } = true;

    /// <summary>Upper bound on joint (stage + head) epochs. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Stop after this many joint epochs without a lower validation loss. Default 3.</summary>
    public int Patience { get; init; } = 3;

    /// <summary>ONNX Runtime intra-op threads; null: the machine's cores.</summary>
    public int? Threads { get; init; }

    /// <summary>What is wrong with these options, one phrase each; empty when valid. Includes <see cref="MlpOptions.Problems"/>.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Head.Problems());
        if (!Enum.IsDefined(Unfreeze) || Unfreeze == UnfreezeDepth.None) problems.Add($"unfreeze must be last-block or last-stage to fine-tune (got {Unfreeze})");
        if (BackboneLearningRate is { } rate && !(rate > 0)) problems.Add($"backbone learning rate must be positive (got {rate})");
        if (!(WeightDecay >= 0)) problems.Add($"weight decay must be non-negative (got {WeightDecay})");
        if (Epochs <= 0) problems.Add($"epochs must be positive (got {Epochs})");
        if (Patience <= 0) problems.Add($"patience must be positive (got {Patience})");
        if (Threads is <= 0) problems.Add($"threads must be positive (got {Threads})");
        return problems;
    }
}
