namespace MlNetTransfer.Backbones;

/// <summary>One ONNX graph from the source package that becomes part of a merged backbone.</summary>
public sealed record BuildStage
{
    /// <summary>Path of the ONNX file inside the source package.</summary>
    public string File { get; init; } = "";

    /// <summary>Expected sha256 (hex) of that file, checked before merging.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The graph's input tensor.</summary>
    public string Input { get; init; } = "";

    /// <summary>The graph's output tensor; it feeds the next stage's input.</summary>
    public string Output { get; init; } = "";
}
