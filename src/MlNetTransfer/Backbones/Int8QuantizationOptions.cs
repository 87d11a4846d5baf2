namespace MlNetTransfer.Backbones;

/// <summary>Settings of <see cref="Int8Quantization.Quantize"/>: the calibrated activation ranges and the weight precision.</summary>
public sealed record Int8QuantizationOptions
{
    /// <summary>
    /// The calibrated range of every tensor <see cref="Int8Quantization.CalibrationTensors"/> names (keys: tensor names of the
    /// fp32 graph). A missing one is an error that names it; extra ones are ignored.
    /// </summary>
    public IReadOnlyDictionary<string, TensorRange> Ranges { get; init; } = new Dictionary<string, TensorRange>();

    /// <summary>
    /// Bits of the symmetric per-channel weights: 8 (values -127..127) or 7 (-63..63, ONNX Runtime's <c>reduce_range</c>,
    /// which avoids the int16 saturation of AVX2's u8 x s8 multiply-add on CPUs without VNNI). Default 8.
    /// </summary>
    public int WeightBits { get; init; } = 8;
}
