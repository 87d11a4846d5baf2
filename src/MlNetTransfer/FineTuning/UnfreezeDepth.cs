namespace MlNetTransfer.FineTuning;

/// <summary>How much of an image backbone <c>--unfreeze</c> trains with the head; the cut points come from the backbone's manifest (<see cref="Backbones.BackboneFineTuning"/>).</summary>
public enum UnfreezeDepth
{
    /// <summary>The backbone stays frozen (the default): only the head is trained, on cached embeddings.</summary>
    None,

    /// <summary>The last residual block (ResNet18: block C of the last stage, 4.7 M parameters) is trained with the head.</summary>
    LastBlock,

    /// <summary>The whole last stage (ResNet18: three basic blocks, 13.1 M parameters) is trained with the head.</summary>
    LastStage,
}
