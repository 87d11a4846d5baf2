namespace MlNetTransfer.Backbones;

/// <summary>
/// How a built-in int8 backbone is made at build time from another built-in (<see cref="From"/>, materialised first):
/// <see cref="Int8Quantization.Quantize"/> with the activation ranges recorded here. The ranges come from a calibration run
/// (<see cref="Calibration"/> says which images and which command wrote them), so the build itself needs no images and no
/// ONNX Runtime, and gives the same bytes on every machine (the manifest's sha256 is checked).
/// </summary>
internal sealed record QuantizeRecipe
{
    /// <summary>Name of the fp32 built-in backbone quantized (a manifest in the same folder, e.g. <c>resnet18</c>).</summary>
    public string From { get; init; } = "";

    /// <summary>Bits of the per-channel weights: 8 or 7 (<see cref="Int8QuantizationOptions.WeightBits"/>).</summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Which images the ranges were calibrated on and the command that recorded them (informational).</summary>
    public string? Calibration { get; init; }

    /// <summary>Calibrated [min, max] of each tensor <see cref="Int8Quantization.CalibrationTensors"/> names, by tensor name.</summary>
    public Dictionary<string, float[]> Ranges { get; init; } = [];

    /// <summary>The options <see cref="Int8Quantization.Quantize"/> takes; a range that is not [min, max] is an error naming the tensor.</summary>
    public Int8QuantizationOptions ToOptions(string manifestPath)
    {
        var ranges = new Dictionary<string, TensorRange>(StringComparer.Ordinal);
        foreach (var (tensor, pair) in Ranges)
        {
            if (pair.Length != 2)
                throw new UserInputException($"'{manifestPath}': build.quantize.ranges.{tensor} must be [min, max] (got {pair.Length} values).");
            ranges[tensor] = new TensorRange(pair[0], pair[1]);
        }
        return new Int8QuantizationOptions { Ranges = ranges, WeightBits = WeightBits };
    }
}
