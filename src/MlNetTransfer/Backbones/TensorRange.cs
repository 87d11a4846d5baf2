namespace MlNetTransfer.Backbones;

/// <summary>
/// The calibrated range of one float tensor of a graph (the smallest and largest value seen over the calibration images),
/// from which <see cref="Int8Quantization"/> derives its uint8 scale and zero point.
/// </summary>
/// <param name="Min">Smallest value seen.</param>
/// <param name="Max">Largest value seen; not below <paramref name="Min"/>.</param>
public readonly record struct TensorRange(float Min, float Max);
