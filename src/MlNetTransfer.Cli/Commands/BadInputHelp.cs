namespace MlNetTransfer.Cli.Commands;

/// <summary>The one description of <c>--on-bad-input</c>, shared by the commands that read data.</summary>
internal static class BadInputHelp
{
    public const string Text = "What to do with an unreadable example (corrupt, truncated, empty or missing image): fail (default: stop before anything runs, naming it) or skip (leave it out and list it in <out>.bad-inputs.csv; predict writes a row with an error instead).";
}
