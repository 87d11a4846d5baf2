using MlNetTransfer.Backbones;

namespace MlNetTransfer.Engine;

/// <summary>
/// The batched engines of one run, one per backbone, opened on first use and kept for the run's later passes (train,
/// then test), so each ONNX Runtime session is created and each model file hashed once per run.
/// </summary>
public sealed class BackboneEngines(ComputeDevice? device = null) : IDisposable
{
    private readonly Dictionary<string, BatchedImageEmbedder> _images = [];
    private readonly Dictionary<string, BatchedTextEmbedder> _texts = [];

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

    /// <summary>The batched engine of a text backbone.</summary>
    public BatchedTextEmbedder Text(BackboneManifest backbone)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_texts.TryGetValue(backbone.ModelPath, out var embedder))
            _texts[backbone.ModelPath] = embedder = new BatchedTextEmbedder(backbone, device: Device);
        return embedder;
    }

    /// <summary>What the run's featurizing did so far, over all engines: inputs through a backbone, inputs from the cache.</summary>
    public EngineCounters Counters { get; } = new();

    private bool _disposed;

    /// <summary>
    /// Disposes every engine opened so far (their ONNX Runtime sessions: about the model's size in native memory each) and keeps
    /// <see cref="Counters"/>; a later <see cref="Image"/> or <see cref="Text"/> call opens a new engine (a new session).
    /// For a run whose passes are done, before it builds a saved model's own ONNX steps.
    /// </summary>
    public void Release()
    {
        foreach (var embedder in _images.Values) embedder.Dispose();
        foreach (var embedder in _texts.Values) embedder.Dispose();
        _images.Clear();
        _texts.Clear();
    }

    /// <summary>Disposes every engine opened (their ONNX Runtime sessions); later <see cref="Image"/> and <see cref="Text"/> calls throw <see cref="ObjectDisposedException"/>. Calling it twice is harmless.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Release();
    }
}
