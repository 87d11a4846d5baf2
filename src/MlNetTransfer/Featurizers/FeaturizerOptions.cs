using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>What <see cref="FeaturePipeline"/> runs over each kind of column.</summary>
public sealed record FeaturizerOptions
{
    /// <summary>The backbones every image column goes through (embeddings concatenated).</summary>
    public IReadOnlyList<BackboneManifest> ImageBackbones { get; init; } = [];

    /// <summary>
    /// The featurizers every text column goes through, concatenated: <c>tfidf</c> (default), <c>bow</c>,
    /// <c>sklearn-count</c>, <c>sklearn-tfidf</c>, or a text backbone's name (<c>minilm</c>) or manifest path.
    /// </summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = ["tfidf"];

    /// <summary>CUDA device the saved model's ONNX steps run on; null for the CPU.</summary>
    public int? GpuDeviceId { get; init; }
}
