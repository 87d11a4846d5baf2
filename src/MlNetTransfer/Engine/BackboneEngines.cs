using MlNetTransfer.Backbones;

namespace MlNetTransfer.Engine;

/// <summary>
/// The batched engines of one run, one per backbone, opened on first use and kept for the run's later passes (train,
/// then test), so each ONNX Runtime session is created and each model file hashed once per run.
/// </summary>
public sealed class BackboneEngines(ComputeDevice? device = null) : IDisposable
{
    private readonly Dictionary<string, BatchedImageEmbedder> _images = [];

    /// <summary>The device the engines run on (null: the CPU).</summary>
    public ComputeDevice? Device { get; } = device;

    /// <summary>The batched engine of an image backbone.</summary>
    public BatchedImageEmbedder Image(BackboneManifest backbone)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_images.TryGetValue(backbone.ModelPath, out var embedder))
            _images[backbone.ModelPath] = embedder = new BatchedImageEmbedder(backbone, device: Device);
        return embedder;
    }

    /// <summary>Backbone runs (inputs embedded, cache hits excluded) over all engines so far.</summary>
    public int InputsRun => _images.Values.Sum(e => e.ImagesRun);

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var embedder in _images.Values) embedder.Dispose();
        _images.Clear();
    }
}
