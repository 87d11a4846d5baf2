namespace MlNetTransfer.Datasets;

/// <summary>Parsing of <c>--on-bad-input</c> values.</summary>
public static class BadInputPolicies
{
    /// <summary>The accepted <c>--on-bad-input</c> values, in documentation order: <c>fail</c> (<see cref="BadInputPolicy.Fail"/>) and <c>skip</c> (<see cref="BadInputPolicy.Skip"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = ["fail", "skip"];

    /// <summary>Parses <c>fail</c> or <c>skip</c>, ignoring case and surrounding white space.</summary>
    /// <param name="name">The option value; null or anything else does not parse.</param>
    /// <param name="policy">The parsed policy; <see cref="BadInputPolicy.Fail"/> when the value does not parse.</param>
    /// <returns>Whether <paramref name="name"/> is a known policy.</returns>
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

    /// <summary>Parses <c>fail</c> or <c>skip</c> as <see cref="TryParse"/> does.</summary>
    /// <exception cref="UserInputException">The value is neither; the message quotes it and lists the accepted values.</exception>
    public static BadInputPolicy Parse(string? name) => TryParse(name, out var policy)
        ? policy
        : throw new UserInputException(MessageText.Capitalized(Problem(name)!) + ".");

    /// <summary>What is wrong with an <c>--on-bad-input</c> value, as a phrase for an options check; null when it parses.</summary>
    public static string? Problem(string? name) => TryParse(name, out _) ? null : $"unknown --on-bad-input '{name}': expected fail or skip";
}
