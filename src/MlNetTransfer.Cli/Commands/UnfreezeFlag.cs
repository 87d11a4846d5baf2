using MlNetTransfer.FineTuning;

namespace MlNetTransfer.Cli.Commands;

/// <summary><c>--unfreeze &lt;DEPTH&gt;</c> of train: its help, its problems, and the depth it asks for.</summary>
internal static class UnfreezeFlag
{
    /// <summary>The option's description.</summary>
    public const string Help = "Fine-tune the image backbone with the head: none (default: frozen), last-block or last-stage (the cut points in the backbone's manifest; ResNet18: its last residual block, or its whole last stage). Needs --trainer mlp and one backbone; the trunk's activations go through the --cache-dir cache, each epoch prints its losses and the time left.";

    private static readonly Dictionary<string, UnfreezeDepth> Depths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = UnfreezeDepth.None,
        ["last-block"] = UnfreezeDepth.LastBlock,
        ["last-stage"] = UnfreezeDepth.LastStage,
    };

    /// <summary>The depth <paramref name="value"/> names; null when absent or unknown (<see cref="Problems"/> reports it).</summary>
    public static UnfreezeDepth? Parse(string? value) => value is not null && Depths.TryGetValue(value.Trim(), out var depth) ? depth : null;

    /// <summary>An unknown value, worded with the flag; none when absent or fine.</summary>
    public static IEnumerable<string> Problems(string? value)
    {
        if (value is not null && Parse(value) is null) yield return $"unknown --unfreeze '{value}': expected none, last-block or last-stage";
    }
}
