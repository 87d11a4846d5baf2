namespace MlNetTransfer.Backbones;

/// <summary>
/// The <c>"fineTuning"</c> section of an image backbone's manifest: where the graph may be cut for <c>--unfreeze</c> and
/// which ONNX operators the part after the cut may use. Without it the backbone can only be used frozen.
/// </summary>
public sealed record BackboneFineTuning
{
    /// <summary>Cut point of <c>--unfreeze last-block</c>: the input of the last residual block (ResNet18: <c>s1_ReLU379_Output_0</c>, [512, 7, 7]).</summary>
    public CutPoint? LastBlock { get; init; }

    /// <summary>Cut point of <c>--unfreeze last-stage</c>: the input of the last stage (ResNet18: <c>s1_ReLU347_Output_0</c>, [256, 14, 14]).</summary>
    public CutPoint? LastStage { get; init; }

    /// <summary>
    /// ONNX operator types the trainable part is made of (ResNet18: Conv, BatchNormalization, Relu, Add, AveragePool,
    /// Flatten); the gradient generator refuses an operator outside this list, and one it does not support, by name.
    /// </summary>
    public IReadOnlyList<string> Ops { get; init; } = [];

    /// <summary>What is wrong with this section, one phrase each; empty when it is valid.</summary>
    internal IEnumerable<string> Problems()
    {
        if (LastBlock is null && LastStage is null) yield return "\"fineTuning\" needs \"lastBlock\" or \"lastStage\"";
        foreach (var (name, cut) in new[] { ("lastBlock", LastBlock), ("lastStage", LastStage) })
        {
            if (cut is null) continue;
            if (string.IsNullOrWhiteSpace(cut.Tensor)) yield return $"\"fineTuning.{name}.tensor\" is required";
            if (cut.Channels <= 0 || cut.Height <= 0 || cut.Width <= 0)
                yield return $"\"fineTuning.{name}\" needs positive channels, height and width (got {cut.Channels}, {cut.Height}, {cut.Width})";
        }
        if (Ops.Count == 0) yield return "\"fineTuning.ops\" (the operators after the cut) is required";
    }
}
