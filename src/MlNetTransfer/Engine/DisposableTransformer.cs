using Microsoft.ML;

namespace MlNetTransfer.Engine;

/// <summary>Owns a fitted transformer and disposes it (ONNX sessions, temp files) at the end of a using block.</summary>
internal sealed class DisposableTransformer(ITransformer transformer) : IDisposable
{
    public ITransformer Transformer { get; } = transformer;

    public void Dispose() => (Transformer as IDisposable)?.Dispose();
}
