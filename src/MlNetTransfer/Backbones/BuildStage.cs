namespace MlNetTransfer.Backbones;

/// <summary>One ONNX graph from the source package that becomes part of a merged backbone.</summary>
internal sealed record BuildStage
{
    /// <summary>Path of the ONNX file inside the source package (the .NET assembly, when <see cref="Resource"/> is set).</summary>
    public string File { get; init; } = "";

    /// <summary>Name of the embedded resource of <see cref="File"/> that holds the ONNX graph; null when the file is the graph.</summary>
    public string? Resource { get; init; }

    /// <summary>Expected sha256 (hex) of the graph's bytes (the file, or the resource), checked before merging.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The graph's input tensor.</summary>
    public string Input { get; init; } = "";

    /// <summary>The graph's output tensor; it feeds the next stage's input.</summary>
    public string Output { get; init; } = "";
}
