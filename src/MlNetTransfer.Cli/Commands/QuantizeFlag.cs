using MlNetTransfer.Workflows;

namespace MlNetTransfer.Cli.Commands;

/// <summary><c>--quantize &lt;PRECISION&gt;</c> and <c>--calibration-images &lt;N&gt;</c> of train and featurize: their help, their problems, and the options they ask for.</summary>
internal static class QuantizeFlag
{
    /// <summary>The only precision there is.</summary>
    public const string Int8 = "int8";

    /// <summary>The help of <c>--quantize</c>.</summary>
    public const string Help = "int8: run the image backbone as static int8 (ONNX QDQ, per-channel weights; about 1.7x the fp32 speed on 2 AVX2 cores) with activation ranges calibrated (min/max) on a stratified sample of your training images (never the test images); the zip holds the int8 graph. Backbones with a quantization recipe only (resnet18). Not with --features or --unfreeze.";

    /// <summary>The help of <c>--calibration-images</c>.</summary>
    public const string CalibrationHelp = "With --quantize int8: how many training examples (stratified by label, seeded by --seed) calibrate the activation ranges; all when there are fewer. Default 200.";

    /// <summary>The options <paramref name="value"/> asks for; null when absent or unknown (<see cref="Problems"/> reports it).</summary>
    public static QuantizeOptions? Parse(string? value, int? calibrationImages) =>
        value is not null && string.Equals(value.Trim(), Int8, StringComparison.OrdinalIgnoreCase)
            ? new QuantizeOptions { CalibrationImages = calibrationImages ?? MlNetTransfer.Defaults.CalibrationImages }
            : null;

    /// <summary>An unknown value; --calibration-images without --quantize. Worded with the flags; none when fine.</summary>
    public static IEnumerable<string> Problems(string? value, int? calibrationImages)
    {
        if (value is not null && Parse(value, calibrationImages) is null) yield return $"unknown --quantize '{value}': expected int8";
        if (value is null && calibrationImages is not null) yield return "--calibration-images is only used with --quantize int8";
    }
}
