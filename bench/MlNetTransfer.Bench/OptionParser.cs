using System.Globalization;

namespace MlNetTransfer.Bench;

/// <summary>
/// The bench commands' argument parser: <c>--name value</c> pairs, each name declared once with how its value is read and
/// applied to an options record. Every problem is a <see cref="UserInputException"/> that ends with the command's usage.
/// </summary>
internal sealed class OptionParser<T>(string usage)
{
    private readonly Dictionary<string, Func<T, string, T>> _options = new(StringComparer.Ordinal);

    /// <summary>An option whose value is taken as written.</summary>
    public OptionParser<T> Text(string name, Func<T, string, T> apply)
    {
        _options.Add(name, apply);
        return this;
    }

    /// <summary>An option whose value is an integer of at least <paramref name="minimum"/>.</summary>
    public OptionParser<T> Integer(string name, int minimum, Func<T, int, T> apply) =>
        Text(name, (options, value) => apply(options, ParseInteger(name, value, minimum)));

    /// <summary>An option whose value is a comma-separated list of integers, each at least <paramref name="minimum"/>.</summary>
    public OptionParser<T> Integers(string name, int minimum, Func<T, IReadOnlyList<int>, T> apply) =>
        Text(name, (options, value) => apply(options, value.Split(',').Select(v => ParseInteger(name, v.Trim(), minimum)).ToList()));

    /// <summary>Applies the arguments after the command name to <paramref name="defaults"/>.</summary>
    public T Parse(IReadOnlyList<string> args, T defaults)
    {
        var options = defaults;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!_options.TryGetValue(name, out var apply)) throw new UserInputException($"Unknown option '{name}'. {usage}");
            if (i + 1 >= args.Count) throw new UserInputException($"{name} needs a value. {usage}");
            options = apply(options, args[++i]);
        }
        return options;
    }

    private static int ParseInteger(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new UserInputException($"{name} must be an integer >= {minimum} (got '{value}').");
}
