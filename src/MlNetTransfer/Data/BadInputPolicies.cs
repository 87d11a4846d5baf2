namespace MlNetTransfer.Data;

/// <summary>Parsing of <c>--on-bad-input</c> values.</summary>
public static class BadInputPolicies
{
    public static IReadOnlyList<string> Names { get; } = ["fail", "skip"];

    public static bool TryParse(string? name, out BadInputPolicy policy)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "fail":
                policy = BadInputPolicy.Fail;
                return true;
            case "skip":
                policy = BadInputPolicy.Skip;
                return true;
            default:
                policy = BadInputPolicy.Fail;
                return false;
        }
    }

    public static BadInputPolicy Parse(string? name) => TryParse(name, out var policy)
        ? policy
        : throw new UserInputException($"U{Problem(name)![1..]}.");

    /// <summary>What is wrong with an <c>--on-bad-input</c> value, as a phrase for an options check; null when it parses.</summary>
    public static string? Problem(string? name) => TryParse(name, out _) ? null : $"unknown --on-bad-input '{name}': expected fail or skip";
}
