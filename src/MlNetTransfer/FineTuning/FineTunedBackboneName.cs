namespace MlNetTransfer.FineTuning;

/// <summary>
/// The name <c>train --unfreeze</c> gives a fine-tuned backbone (its manifest, and so its feature part in the zip):
/// <c>&lt;backbone&gt;-&lt;depth&gt;-fine-tuned</c> (<c>resnet18-last-block-fine-tuned</c>), so that <c>inspect</c> can say
/// which backbone it came from and which part of it was trained. Zips written before the depth was named hold
/// <c>&lt;backbone&gt;-fine-tuned</c>.
/// </summary>
internal static class FineTunedBackboneName
{
    private const string Suffix = "-fine-tuned";

    /// <summary>The depth as <c>--unfreeze</c> spells it: <c>none</c>, <c>last-block</c>, <c>last-stage</c>.</summary>
    public static string Spelled(UnfreezeDepth depth) => depth switch
    {
        UnfreezeDepth.LastBlock => "last-block",
        UnfreezeDepth.LastStage => "last-stage",
        _ => "none",
    };

    /// <summary>The fine-tuned backbone's name: <c>resnet18-last-block-fine-tuned</c>.</summary>
    public static string Of(string backbone, UnfreezeDepth depth) => $"{backbone}-{Spelled(depth)}{Suffix}";

    /// <summary>
    /// Whether <paramref name="name"/> is a fine-tuned backbone's name; then the backbone it came from and the depth
    /// trained (null for the older <c>&lt;backbone&gt;-fine-tuned</c>, which does not record it).
    /// </summary>
    public static bool TryParse(string name, out string backbone, out UnfreezeDepth? depth)
    {
        backbone = "";
        depth = null;
        if (!name.EndsWith(Suffix, StringComparison.Ordinal) || name.Length == Suffix.Length) return false;
        backbone = name[..^Suffix.Length];
        foreach (var d in new[] { UnfreezeDepth.LastBlock, UnfreezeDepth.LastStage })
            if (backbone.EndsWith("-" + Spelled(d), StringComparison.Ordinal) && backbone.Length > Spelled(d).Length + 1)
            {
                backbone = backbone[..^(Spelled(d).Length + 1)];
                depth = d;
                break;
            }
        return true;
    }
}
