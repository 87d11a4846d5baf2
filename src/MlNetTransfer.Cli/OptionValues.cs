using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli;

/// <summary>
/// The values of typed options (whole numbers, numbers, true/false, enum names), checked against each option's property
/// type before Spectre.Console.Cli converts them: its own conversion error names neither the option nor what was expected
/// ("Failed to convert 'abc' to Nullable`1."). One check for every option of every command, so a new typed option is
/// covered by declaring it: <c>--backbone-lr: 'abc' is not a number (expected e.g. 1e-4)</c>.
/// </summary>
internal static class OptionValues
{
    /// <summary>
    /// An example value per option whose property has no <see cref="DefaultValueAttribute"/> (the options left unset mean
    /// "not given"); an option with a default shows that default; any other, an example of its type.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Examples = new Dictionary<string, string>
    {
        ["--backbone-lr"] = "1e-4",
        ["--time-budget"] = "60",
        ["--unfreeze-epochs"] = "10",
    };

    /// <summary>The property types this check knows besides text; an option of another type fails <c>OptionValueWordingTests</c>.</summary>
    internal static readonly Type[] Checked = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(bool)];

    /// <summary>
    /// Throws a <see cref="UserInputException"/> naming the first option in <paramref name="args"/> (prepared: every value
    /// written <c>--name=value</c>, see <see cref="CliApp.PrepareArguments"/>) whose value does not convert to its
    /// property's type in <paramref name="settings"/>; nothing when <paramref name="settings"/> is null (no command named:
    /// Spectre reports that).
    /// </summary>
    public static void Check(Type? settings, IReadOnlyList<string> args)
    {
        if (settings is null) return;
        var options = Options(settings).ToDictionary(o => o.Flag, o => o.Property, StringComparer.Ordinal);
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0) continue;
            var flag = arg[..equals];
            if (options.TryGetValue(flag, out var property) && Problem(flag, property, arg[(equals + 1)..]) is { } problem)
                throw new UserInputException(problem);
        }
    }

    /// <summary>Every long option of <paramref name="settings"/> (<c>--seed</c>) with its property, inherited ones included.</summary>
    internal static IEnumerable<(string Flag, PropertyInfo Property)> Options(Type settings) =>
        from property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        let option = property.GetCustomAttribute<CommandOptionAttribute>()
        where option is not null
        from name in option.LongNames
        select ("--" + name, property);

    /// <summary>
    /// What is wrong with <paramref name="value"/> for option <paramref name="flag"/> of type <paramref name="property"/>,
    /// worded for the user (<c>--seed: '1.5' is not a whole number (expected e.g. 0)</c>); null when it converts or the
    /// type is text. Numbers are read with the invariant culture (a decimal point, not a comma) and must be finite.
    /// </summary>
    internal static string? Problem(string flag, PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsArray) type = type.GetElementType()!;
        var text = value.Trim();
        var inv = CultureInfo.InvariantCulture;
        string? expected = type switch
        {
            _ when type == typeof(int) => WholeNumber<int>(text),
            _ when type == typeof(long) => WholeNumber<long>(text),
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d) ? null : "is not a number",
            _ when type == typeof(float) => float.TryParse(text, NumberStyles.Float, inv, out var f) && float.IsFinite(f) ? null : "is not a number",
            _ when type == typeof(bool) => bool.TryParse(text, out _) ? null : "is not true or false",
            _ when type.IsEnum => Enum.GetNames(type).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) ? null
                : $"is not one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}",
            _ => null,
        };
        return expected is null ? null : $"{flag}: '{value}' {expected} (expected e.g. {Example(flag, property, type)})";
    }

    /// <summary>Null when <paramref name="text"/> is a whole number that fits <typeparamref name="T"/>; else what it is not.</summary>
    private static string? WholeNumber<T>(string text) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return null;
        return BigInteger.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $"is not a whole number from {T.MinValue} to {T.MaxValue}")
            : "is not a whole number";
    }

    /// <summary>The example shown: the option's entry in <see cref="Examples"/>, else its default value, else one of its type.</summary>
    private static string Example(string flag, PropertyInfo property, Type type)
    {
        if (Examples.TryGetValue(flag, out var example)) return example;
        if (property.GetCustomAttribute<DefaultValueAttribute>()?.Value is { } value && value.GetType() != typeof(bool))
            return Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return type == typeof(bool) ? "true" : type.IsEnum ? Enum.GetNames(type)[0].ToLowerInvariant() : type == typeof(int) || type == typeof(long) ? "1" : "0.5";
    }
}
