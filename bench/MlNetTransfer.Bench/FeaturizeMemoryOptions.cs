namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>featurize-memory</c> diagnosis, parsed from <c>--name value</c> pairs.</summary>
internal sealed record FeaturizeMemoryOptions
{
    /// <summary>An image folder as <c>featurize --data</c> takes it (class folders of images).</summary>
    public string Data { get; init; } = "";

    /// <summary>The image backbone: a name or an ONNX path with its manifest beside it.</summary>
    public string Backbone { get; init; } = "resnet18";

    /// <summary>Seconds between two samples.</summary>
    public int Every { get; init; } = 10;

    /// <summary>Whether each sample first runs a full blocking collection and the pending finalizers (what is live, not what is garbage).</summary>
    public bool Collect { get; init; }

    /// <summary>CSV file the samples are written to (one row per sample).</summary>
    public string Samples { get; init; } = "featurize-memory.csv";

    public const string Usage =
        "usage: dotnet run --project bench/MlNetTransfer.Bench -c Release -- featurize-memory --data <image folder> [--backbone resnet18] " +
        "[--every 10] [--collect false] [--samples featurize-memory.csv]      (featurize --no-cache in this process, memory sampled; no report)";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static FeaturizeMemoryOptions Parse(IReadOnlyList<string> args)
    {
        var options = new OptionParser<FeaturizeMemoryOptions>(Usage)
            .Text("--data", (o, v) => o with { Data = v })
            .Text("--backbone", (o, v) => o with { Backbone = v })
            .Integer("--every", 1, (o, v) => o with { Every = v })
            .Text("--collect", (o, v) => o with
            {
                Collect = bool.TryParse(v, out var b) ? b : throw new UserInputException($"--collect must be true or false (got '{v}'). {Usage}"),
            })
            .Text("--samples", (o, v) => o with { Samples = v })
            .Parse(args, new FeaturizeMemoryOptions());
        return options.Data.Length > 0 ? options : throw new UserInputException($"--data is required. {Usage}");
    }
}
