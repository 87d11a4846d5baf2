using System.Text.Json.Serialization;

namespace MlNetTransfer.Backbones;

/// <summary>
/// How an image becomes the backbone's input tensor, expressed in terms of ML.NET's stock image steps
/// (ResizeImages then ExtractPixels). Each pixel value is <c>(v - Offset) * Scale</c> with v in 0..255.
/// Per-channel normalisation beyond that belongs inside the ONNX graph.
/// </summary>
public sealed record ImagePreprocessing
{
    /// <summary>Input width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>Channel order of the planes fed to the model: "rgb" or "bgr".</summary>
    public string ChannelOrder { get; init; } = "rgb";

    /// <summary>True for HWC (interleaved) tensors, false for CHW planes (the default).</summary>
    public bool Interleaved { get; init; }

    /// <summary>Subtracted from each 0..255 channel value before scaling. Default 0.</summary>
    public float Offset { get; init; }

    /// <summary>Multiplies each channel value after the offset. Default 1 (pixel range 0..255).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>ML.NET resizing kind: "isoCrop" (keep aspect, crop centre; ML.NET's default), "isoPad" or "fill".</summary>
    public string Resizing { get; init; } = "isoCrop";

    /// <summary>
    /// The per-image input shape (after the batch dimension) with every unknown dimension (&lt;= 0: a symbolic height or
    /// width, as torchvision and tf2onnx export with dynamic axes) taken from this preprocessing: <c>[3, Height, Width]</c>,
    /// or <c>[Height, Width, 3]</c> when <see cref="Interleaved"/>. Shapes of another rank come back unchanged.
    /// </summary>
    /// <param name="sampleShape">The model's input dimensions after the batch one, unknown ones as -1 or 0.</param>
    public long[] FillUnknownDimensions(IReadOnlyList<long> sampleShape)
    {
        var filled = sampleShape.ToArray();
        if (filled.Length != 3) return filled;
        long[] layout = Interleaved ? [Height, Width, 3] : [3, Height, Width];
        for (var d = 0; d < 3; d++)
            if (filled[d] <= 0) filled[d] = layout[d];
        return filled;
    }

    [JsonIgnore]
    internal IEnumerable<string> Problems
    {
        get
        {
            if (Width <= 0 || Height <= 0) yield return $"image.width and image.height must be positive (got {Width}x{Height})";
            if (ChannelOrder is not ("rgb" or "bgr")) yield return $"image.channelOrder must be \"rgb\" or \"bgr\" (got \"{ChannelOrder}\")";
            if (Scale == 0) yield return "image.scale must not be 0";
            if (Resizing is not ("isoCrop" or "isoPad" or "fill")) yield return $"image.resizing must be \"isoCrop\", \"isoPad\" or \"fill\" (got \"{Resizing}\")";
        }
    }
}
