using System.Globalization;

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

    public static TfidfOptions Parse(string[] args)
    {
        var options = new TfidfOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new UserInputException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--data" => options with { Data = Value() },
                "--python" => options with { Python = Value() },
                "--out" => options with { Out = Value() },
                "--repetitions" => options with
                {
                    Repetitions = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                        ? n : throw new UserInputException($"--repetitions must be a whole number of at least 1, not '{args[i]}'."),
                },
                _ => throw new UserInputException($"Unknown tfidf option '{args[i]}'.\n{Usage}"),
            };
        }
        return options;
    }
}
