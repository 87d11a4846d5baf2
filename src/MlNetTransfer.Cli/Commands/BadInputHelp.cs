namespace MlNetTransfer.Cli.Commands;

/// <summary>The descriptions of <c>--on-bad-input</c>, one per kind of command that reads data, each saying what that command does.</summary>
internal static class BadInputHelp
{
    private const string What = "What to do with an unreadable example (corrupt, truncated, empty or missing image): fail (default: stop before anything runs, naming it) or skip ";

    /// <summary>train and featurize: skipped examples are listed beside --out.</summary>
    public const string Text = What + "(leave it out and list it in <out>.bad-inputs.csv).";

    /// <summary>predict: a row with an error.</summary>
    public const string Predict = What + "(write its row with an empty prediction and the problem in an error column).";

    /// <summary>evaluate: left out, counted, the first one named; no file is written.</summary>
    public const string Evaluate = What + "(leave it out of the metrics; the count and the first one are shown, no file is written).";
}
