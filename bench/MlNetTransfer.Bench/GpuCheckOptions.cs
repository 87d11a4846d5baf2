namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>gpu-check</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record GpuCheckOptions
{
    /// <summary>Fashion-MNIST folder; its <c>train</c> class folders are read.</summary>
    public string Data { get; init; } = "data/fashion-mnist";

    /// <summary>Images: the first N / classes of each class of <c>train</c> (file order), so every class is in the comparison.</summary>
    public int Images { get; init; } = 2000;

    /// <summary>Batch sizes each device runs the engine at.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 64];

    /// <summary>Timed passes over all images per device and batch size, after one untimed warm-up; the report gives the median.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>The GPU: <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "cuda";

    /// <summary>Markdown file whose section this run writes or replaces.</summary>
    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>Largest absolute difference allowed between CPU and GPU embeddings of the same image.</summary>
    public const double Tolerance = 1e-3;

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -p:UseGpu=true -- gpu-check [--data data/fashion-mnist] " +
        "[--images 2000] [--batch-sizes 1,64] [--repetitions 3] [--device cuda] [--out BENCHMARKS.md]";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static GpuCheckOptions Parse(IReadOnlyList<string> args)
    {
        var options = new OptionParser<GpuCheckOptions>(Usage)
            .Text("--data", (o, v) => o with { Data = v })
            .Integer("--images", 1, (o, v) => o with { Images = v })
            .Integers("--batch-sizes", 1, (o, v) => o with { BatchSizes = v.Distinct().ToList() })
            .Integer("--repetitions", 1, (o, v) => o with { Repetitions = v })
            .Text("--device", (o, v) => o with { Device = v })
            .Text("--out", (o, v) => o with { Out = v })
            .Parse(args, new GpuCheckOptions());
        if (!Engine.ComputeDevice.TryParse(options.Device, out var device) || !device.IsCuda)
            throw new UserInputException($"--device must be cuda or cuda:N (got '{options.Device}'). {Usage}");
        return options;
    }
}
