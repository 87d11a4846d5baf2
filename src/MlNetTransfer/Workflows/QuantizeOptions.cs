namespace MlNetTransfer.Workflows;

/// <summary>
/// <c>--quantize int8</c>: before featurizing, each image backbone is replaced by a static int8 version of itself
/// (<see cref="Engine.CalibratedQuantization"/>: ONNX QDQ, per-channel weights, uint8 activations) whose activation
/// ranges are calibrated (min/max) on a stratified sample of the run's own training images, never its test images. The
/// run then featurizes with it through the same engine and cache, and the saved zip holds the int8 graph in its
/// <c>ApplyOnnxModel</c> step like any backbone. Only backbones with a quantization recipe can be quantized
/// (<c>resnet18</c>).
/// </summary>
public sealed record QuantizeOptions
{
    /// <summary>
    /// Training examples sampled (stratified by label, seeded by the run's seed) whose images calibrate the ranges; all of
    /// them when there are fewer. With several image columns each example gives one image per column. Default
    /// <see cref="Defaults.CalibrationImages"/> (200).
    /// </summary>
    public int CalibrationImages { get; init; } = Defaults.CalibrationImages;
}
