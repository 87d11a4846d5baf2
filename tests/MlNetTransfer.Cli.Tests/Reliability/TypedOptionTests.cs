using System.Reflection;
using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests.Reliability;

/// <summary>
/// Every option of every command whose value is typed (a whole number, a number, true/false) refuses a value that does
/// not convert with one line naming the option, the value and an example (<see cref="OptionValues"/>), never Spectre's
/// "Failed to convert 'abc' to Nullable`1."; and the example it gives is itself accepted. The options are found by
/// reflection, so a new typed option is covered without a new test.
/// </summary>
public sealed partial class TypedOptionTests
{
    /// <summary>Each command line's words with one of its typed options and the property behind it.</summary>
    private static IEnumerable<(string[] Command, string Flag, PropertyInfo Property)> TypedOptions() =>
        CliApp.SettingsByCommand.SelectMany(c => OptionValues.Options(c.Settings)
            .Where(o => Element(o.Property.PropertyType) != typeof(string))
            .Select(o => (c.Command, o.Flag, o.Property)));

    private static Type Element(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? type.GetElementType()! : type;
    }

    /// <summary>Values each type must refuse: text, a fraction for a whole number, an overflow, a decimal comma, not-a-number.</summary>
    private static string[] BadValues(Type type) => type switch
    {
        _ when type == typeof(int) => ["abc", "1.5", "99999999999"],
        _ when type == typeof(long) => ["abc", "2.5", "99999999999999999999"],
        _ when type == typeof(double) || type == typeof(float) => ["abc", "1,5", "NaN", "-Infinity"],
        _ => ["abc", "yes"],
    };

    [GeneratedRegex(@"\(expected e\.g\. (?<example>[^)]+)\)$")]
    private static partial Regex ExamplePattern();

    [Fact]
    public void EveryTypedOption_OfEveryCommand_RefusesABadValue_NamingTheOptionTheValueAndAnAcceptedExample()
    {
        var options = TypedOptions().ToList();
        // The kind the review found, and one of each type: the walk must reach them.
        foreach (var flag in new[] { "--backbone-lr", "--seed", "--test-fraction", "--max-image-pixels", "--unfreeze-epochs", "--no-cache" })
            Assert.Contains(options, o => o.Flag == flag);
        Assert.Contains(options, o => o.Command.SequenceEqual(["plot"]) && o.Flag == "--seed");
        // What Spectre alone says of a bad value (so the check below for its conversion error looks for the right words).
        Assert.StartsWith("Failed to convert 'abc'", OptionValueTests.Parse("train", "--backbone-lr=abc").Error);

        foreach (var (command, flag, property) in options)
            foreach (var bad in BadValues(Element(property.PropertyType)))
            {
                var run = CliRunner.Run([.. command, $"{flag}={bad}"]);
                var error = run.UserError();
                Assert.StartsWith($"error: {flag}: '{bad}' is not ", error);
                foreach (var leak in new[] { "Nullable", "convert", "Int32", "Int64", "Double", "Single", "Boolean" })
                    Assert.DoesNotContain(leak, error);
                var example = ExamplePattern().Match(error);
                Assert.True(example.Success, error);
                Assert.Null(OptionValues.Problem(flag, property, example.Groups["example"].Value));
                // Spectre takes the example: its type converter reads it as we do, and binding raises no conversion error
                // (a run may still stop at validation: other options are missing).
                var value = example.Groups["example"].Value;
                Assert.Equal(Convert.ChangeType(value, Element(property.PropertyType), System.Globalization.CultureInfo.InvariantCulture),
                    System.ComponentModel.TypeDescriptor.GetConverter(property.PropertyType).ConvertFromInvariantString(value));
                var (settings, parseError) = OptionValueTests.Parse([.. command, $"{flag}={value}"]);
                Assert.True(settings is not null || !parseError!.Contains("Failed to convert", StringComparison.Ordinal), parseError);
            }
    }

    [Theory]
    [InlineData("error: --backbone-lr: 'abc' is not a number (expected e.g. 1e-4)", "train", "--backbone-lr", "abc")]
    [InlineData("error: --seed: '1.5' is not a whole number (expected e.g. 0)", "adapt", "--seed", "1.5")]
    [InlineData("error: --seed: '99999999999' is not a whole number from -2147483648 to 2147483647 (expected e.g. 0)", "diagnose-shift", "--seed", "99999999999")]
    [InlineData("error: --test-fraction: 'NaN' is not a number (expected e.g. 0.2)", "train", "--data", "d", "--test-fraction", "NaN", "--out", "m.zip")]
    [InlineData("error: --max-image-pixels: '1e9' is not a whole number (expected e.g. 89478485)", "predict", "--max-image-pixels", "1e9")]
    [InlineData("error: --no-cache: 'yes' is not true or false (expected e.g. true)", "featurize", "--no-cache=yes")]
    public void TheExamples_ReadInFull(string expected, params string[] args) =>
        Assert.Equal(expected, CliRunner.Run(args).UserError());

    [Fact]
    public void EveryOptionType_IsTextOrATypeTheCheckKnows()
    {
        var unknown = CliApp.SettingsByCommand.SelectMany(c => OptionValues.Options(c.Settings))
            .Select(o => (o.Flag, Type: Element(o.Property.PropertyType)))
            .Where(o => o.Type != typeof(string) && !o.Type.IsEnum && !OptionValues.Checked.Contains(o.Type))
            .Select(o => $"{o.Flag}: {o.Type.Name}").Distinct().ToList();
        Assert.True(unknown.Count == 0, "options of a type OptionValues does not check: " + string.Join(", ", unknown));
    }
}
