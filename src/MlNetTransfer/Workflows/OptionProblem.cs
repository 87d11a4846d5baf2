using System.Globalization;

namespace MlNetTransfer.Workflows;

/// <summary>
/// One problem with an options record: the property it is about and a message in which <c>{0}</c> stands for the
/// option's name, so the library says <c>TestFraction must be …</c> and the CLI, which maps property names to its
/// flags, says <c>--test-fraction must be …</c>.
/// </summary>
/// <param name="Option">The property's name, e.g. <c>TestFraction</c>.</param>
/// <param name="Template">The message; <c>{0}</c> is replaced by the option's name where it appears.</param>
public sealed record OptionProblem(string Option, string Template)
{
    /// <summary>The message with the option named as <paramref name="optionName"/> (a CLI flag, say).</summary>
    public string Describe(string optionName) => Template.Contains("{0}", StringComparison.Ordinal)
        ? string.Format(CultureInfo.InvariantCulture, Template.Replace("{", "{{").Replace("}", "}}").Replace("{{0}}", "{0}"), optionName)
        : Template;

    /// <summary>The message with the property's own name.</summary>
    public override string ToString() => Describe(Option);

    /// <summary>
    /// Every problem in one sentence for a <see cref="UserInputException"/>: <c>a; b; c.</c>, each option named by
    /// <paramref name="name"/> (default: the property name).
    /// </summary>
    public static string Join(IEnumerable<OptionProblem> problems, Func<string, string>? name = null) =>
        string.Join("; ", problems.Select(p => p.Describe(name?.Invoke(p.Option) ?? p.Option))) + ".";
}
