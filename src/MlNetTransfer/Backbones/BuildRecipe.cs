namespace MlNetTransfer.Backbones;

/// <summary>
/// How a built-in backbone is materialised at build time from its source package: the stages are chained
/// into one graph (stage i's output feeds stage i+1's input), optionally flattened to [batch, features],
/// and given a symbolic batch dimension. A text backbone has one stage whose output is the token states; the build
/// appends the pooling and normalisation its manifest's <see cref="TextPreprocessing"/> names.
/// </summary>
internal sealed record BuildRecipe
{
    /// <summary>The graphs to chain, in order; the first stage's input becomes the manifest's <see cref="BackboneManifest.Input"/>, the last one's output its <see cref="BackboneManifest.Output"/>.</summary>
    public IReadOnlyList<BuildStage> Stages { get; init; } = [];

    /// <summary>Append a Flatten(axis=1) so the output is [batch, embeddingSize].</summary>
    public bool Flatten { get; init; }

    /// <summary>Other files copied out of the package next to the model (a tokenizer vocabulary).</summary>
    public IReadOnlyList<BuildFile> Files { get; init; } = [];

    /// <summary>Set for an int8 backbone made from another built-in instead of from package stages (then <see cref="Stages"/> is empty).</summary>
    public QuantizeRecipe? Quantize { get; init; }
}
