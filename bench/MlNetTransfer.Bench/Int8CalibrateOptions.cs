namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>int8-calibrate</c> command, parsed from <c>--name value</c> pairs.</summary>
internal sealed record Int8CalibrateOptions
{
    /// <summary>Image folder with a <c>train</c> folder of class folders; calibration images are spread over its classes.</summary>
    public string Data { get; init; } = "data/fashion-mnist-small";

    /// <summary>Calibration images (the first images / classes of each class, file order).</summary>
    public int Images { get; init; } = 200;

    /// <summary>
    /// Bits of the per-channel weights: 7 (ONNX Runtime's reduce_range; the default) or 8. On a CPU without VNNI, MLAS multiplies
    /// u8 x s8 with AVX2's vpmaddubsw, whose int16 pair sums saturate with full 8-bit weights: on the AMD EPYC kind (AVX2, no
    /// VNNI) 8-bit weights gave resnet18 embeddings a mean cosine to fp32 of 0.82, 7-bit ones 0.99.
    /// </summary>
    public int WeightBits { get; init; } = 7;

    /// <summary>The models folder holding the fp32 backbone's manifest; the int8 manifest and graph are written there.</summary>
    public string Models { get; init; } = "onnx-models";

    /// <summary>The fp32 backbone quantized.</summary>
    public string From { get; init; } = "resnet18";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- int8-calibrate [--data data/fashion-mnist-small] " +
        "[--images 200] [--weight-bits 7] [--models onnx-models] [--from resnet18]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static Int8CalibrateOptions Parse(IReadOnlyList<string> args) => new OptionParser<Int8CalibrateOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Integer("--images", 1, (o, v) => o with { Images = v })
        .Integer("--weight-bits", 7, (o, v) => o with { WeightBits = v })
        .Text("--models", (o, v) => o with { Models = v })
        .Text("--from", (o, v) => o with { From = v })
        .Parse(args, new Int8CalibrateOptions());
}
