namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>minilm</c> benchmark, parsed from <c>--name value</c> pairs.</summary>
internal sealed record MiniLmOptions
{
    public const string Usage = "  minilm [--sentences 1000] [--chunks 5] [--batch 32] [--source /usr/share/common-licenses] [--out BENCHMARKS.md]";

    /// <summary>Distinct sentences to embed.</summary>
    public int Sentences { get; init; } = 1000;

    /// <summary>Interleaved chunks (every variant runs each chunk back to back).</summary>
    public int Chunks { get; init; } = 5;

    /// <summary>Texts per ONNX Runtime call for the engine and raw ORT.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>Folder of text files the sentences are cut from.</summary>
    public string Source { get; init; } = "/usr/share/common-licenses";

    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static MiniLmOptions Parse(IReadOnlyList<string> args) => new OptionParser<MiniLmOptions>(Usage)
        .Integer("--sentences", 1, (o, v) => o with { Sentences = v })
        .Integer("--chunks", 1, (o, v) => o with { Chunks = v })
        .Integer("--batch", 1, (o, v) => o with { Batch = v })
        .Text("--source", (o, v) => o with { Source = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Parse(args, new MiniLmOptions());
}
