namespace MlNetTransfer.Bench;

/// <summary>Options of the <c>tfidf</c> command.</summary>
internal sealed record TfidfOptions
{
    public const string Usage =
        "  tfidf [--data data/spam-assassin] [--repetitions 5] [--python /usr/bin/python3] [--out BENCHMARKS.md]\n" +
        "      TextVectorizerModel (sklearn-tfidf) vs scikit-learn's TfidfVectorizer().fit_transform on older-train.csv's text column.";

    /// <summary>Folder holding older-train.csv (data/fetch_spam_assassin.sh makes it).</summary>
    public string Data { get; init; } = "data/spam-assassin";

    /// <summary>Timed runs per side (best and median are reported).</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>The Python with scikit-learn; skipped (ours only) when it is missing.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    public string Out { get; init; } = "BENCHMARKS.md";

    /// <summary>The training CSV.</summary>
    public string TrainCsv => Path.Combine(Data, "older-train.csv");

    /// <summary>Parses the arguments after the command name; a problem is a <see cref="UserInputException"/>.</summary>
    public static TfidfOptions Parse(IReadOnlyList<string> args) => new OptionParser<TfidfOptions>(Usage)
        .Text("--data", (o, v) => o with { Data = v })
        .Text("--python", (o, v) => o with { Python = v })
        .Text("--out", (o, v) => o with { Out = v })
        .Integer("--repetitions", 1, (o, v) => o with { Repetitions = v })
        .Parse(args, new TfidfOptions());
}
