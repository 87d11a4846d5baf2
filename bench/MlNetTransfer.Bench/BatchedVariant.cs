using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Bench;

/// <summary>(c) Our engine: <see cref="BatchedImageEmbedder"/> (one ONNX Runtime session, batches of 32, no cache), as <c>train</c> uses it.</summary>
internal sealed class BatchedVariant : IFeaturizeVariant
{
    private readonly BatchedImageEmbedder _embedder;

    public BatchedVariant(BackboneManifest backbone, int batchSize)
    {
        (_embedder, Setup) = Measure.Once(() => new BatchedImageEmbedder(backbone, batchSize));
    }

    public string Key => "c";

    public string Name => $"BatchedImageEmbedder, batch {_embedder.BatchSize}";

    public TimeSpan Setup { get; }

    public float[][] Run(Dataset images) => _embedder.Embed(images, Dataset.ImagePathColumn, "featurize");

    public void Dispose() => _embedder.Dispose();
}
