using System.Globalization;

namespace MlNetTransfer.Workflows;

/// <summary>
/// One problem with an options record: the property it is about and a message in which <c>{0}</c> stands for the
/// option's name, so the library says <c>TestFraction must be …</c> and the CLI, which maps property names to its
/// flags, says <c>--test-fraction must be …</c>.
/// </summary>
/// <param name="Option">The property's name, e.g. <c>TestFraction</c>.</param>
/// <param name="Template">The message as a composite format string: <c>{0}</c> is the option's name; values from the user go in through <see cref="Escape"/>.</param>
public sealed record OptionProblem(string Option, string Template)
{
    /// <summary>
    /// The message with the option named as <paramref name="optionName"/> (a CLI flag, say). The template is a composite
    /// format string: user values inside it must be passed through <see cref="Escape"/> so that their braces stay text.
    /// </summary>
    public string Describe(string optionName)
    {
        try
        {
            return string.Format(CultureInfo.InvariantCulture, Template, optionName);
        }
        catch (FormatException)
        {
            return Template.Replace("{0}", optionName, StringComparison.Ordinal); // an unescaped brace in a value: say it as it is
        }
    }

    /// <summary>A user's value made safe to put inside a <see cref="Template"/> (braces doubled).</summary>
    public static string Escape(string? value) => (value ?? "").Replace("{", "{{").Replace("}", "}}");

    /// <summary>The message with the property's own name.</summary>
    public override string ToString() => Describe(Option);

    /// <summary>
    /// Every problem in one sentence for a <see cref="UserInputException"/>: <c>a; b; c.</c>, each option named by
    /// <paramref name="name"/> (default: the property name).
    /// </summary>
    public static string Join(IEnumerable<OptionProblem> problems, Func<string, string>? name = null) =>
        string.Join("; ", problems.Select(p => p.Describe(name?.Invoke(p.Option) ?? p.Option))) + ".";
}
