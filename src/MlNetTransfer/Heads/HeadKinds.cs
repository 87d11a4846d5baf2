namespace MlNetTransfer.Heads;

/// <summary>Names of the heads as the command line spells them.</summary>
public static class HeadKinds
{
    private static readonly IReadOnlyDictionary<string, HeadKind> ByName = new Dictionary<string, HeadKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["lr"] = HeadKind.Lr,
        ["fasttree"] = HeadKind.FastTree,
        ["mlp"] = HeadKind.Mlp,
    };

    /// <summary>The accepted names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["lr", "fasttree", "mlp"];

    public static HeadKind Parse(string name) =>
        ByName.TryGetValue(name.Trim(), out var kind)
            ? kind
            : throw new UserInputException($"Unknown trainer '{name}': expected one of {string.Join(", ", Names)}.");
}
