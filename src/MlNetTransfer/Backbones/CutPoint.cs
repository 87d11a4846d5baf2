namespace MlNetTransfer.Backbones;

/// <summary>
/// A tensor of an image backbone's graph where fine-tuning cuts it: everything before it is the frozen trunk (run once,
/// its outputs cached), everything from it to the embedding is the trainable part. Shape [batch, Channels, Height, Width] (NCHW).
/// </summary>
/// <param name="Tensor">The tensor's name in the backbone's ONNX graph, for example <c>s1_ReLU379_Output_0</c>.</param>
/// <param name="Channels">Its channel count (dimension 1).</param>
/// <param name="Height">Its height (dimension 2).</param>
/// <param name="Width">Its width (dimension 3).</param>
public sealed record CutPoint(string Tensor, int Channels, int Height, int Width)
{
    /// <summary>Values per image: Channels · Height · Width.</summary>
    public int Size => Channels * Height * Width;
}
