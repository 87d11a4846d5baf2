using CsCheck;
using MlNetTransfer.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Tests.Reliability;

/// <summary>
/// An option's value is the whole next argument, whatever it starts with ("-1 stars", "--- Original Message ---"),
/// or the run fails loudly; <c>--name=value</c> works too. The property tests run the real argument preparation and
/// Spectre's parser, and read the value the command would get from its settings (an interceptor stops the run there).
/// </summary>
public sealed class OptionValueTests
{
    private sealed class Stop : Exception;

    /// <summary>Parses <paramref name="args"/> as <see cref="CliApp.Run(string[], IAnsiConsole, TextWriter, CancellationToken)"/> does; the settings bound, or the error line.</summary>
    internal static (CommandSettings? Settings, string? Error) Parse(params string[] args)
    {
        string[] prepared;
        try
        {
            prepared = CliApp.PrepareArguments(args).Args;
        }
        catch (UserInputException exception)
        {
            return (null, exception.Message);
        }
        CommandSettings? bound = null;
        string? error = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        var app = CliApp.Create(console, exception =>
        {
            if (exception is not Stop) error = exception.Message;
            return 1;
        });
        app.Configure(config => config.SetInterceptor(new Capture(settings => bound = settings)));
        app.Run(prepared);
        return (bound, error);
    }

    private sealed class Capture(Action<CommandSettings> capture) : ICommandInterceptor
    {
        public void Intercept(CommandContext context, CommandSettings settings)
        {
            capture(settings);
            throw new Stop();
        }
    }

    [Theory]
    [InlineData("-1 stars, awful do not buy")]
    [InlineData("-1 photo.png")]
    [InlineData("--- Original Message ---")]
    [InlineData("-")]
    [InlineData("--")]
    [InlineData("-awful")]
    [InlineData("a=b")]
    [InlineData("--no cache")]
    public void PredictInput_TakesTheWholeArgument(string text)
    {
        var (settings, error) = Parse("predict", "--model", "m.zip", "--input", text);
        Assert.Null(error);
        Assert.Equal(text, Assert.IsType<PredictSettings>(settings).Input);
        (settings, error) = Parse("predict", "--model", "m.zip", "--input=" + text);
        Assert.Null(error);
        Assert.Equal(text, Assert.IsType<PredictSettings>(settings).Input);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--model")]
    [InlineData("--out=x.csv")]
    public void PredictInput_ThatLooksLikeAnOption_FailsSayingHowToPassIt_AndWorksWithEquals(string text)
    {
        var (_, error) = Parse("predict", "--model", "m.zip", "--input", text);
        Assert.Equal($"Option '--input' needs a value; '{text}' is an option (a value that starts with '-' can always be written --option=<value>: --input={text}).", error);
        var (settings, equalsError) = Parse("predict", "--model", "m.zip", "--input=" + text);
        Assert.Null(equalsError);
        Assert.Equal(text, Assert.IsType<PredictSettings>(settings).Input);
    }

    [Fact]
    public void EmptyOrMissingValues_FailLoudly()
    {
        Assert.Equal("Option '--input' needs a value.", Parse("predict", "--model", "m.zip", "--input").Error);
        Assert.Equal("Option '--input' needs a value.", Parse("predict", "--model", "m.zip", "--input=").Error);
        Assert.Equal("Option '--input' needs a value; got an empty one.", Parse("predict", "--model", "m.zip", "--input", "").Error);
    }

    [Fact]
    public void FeaturizeData_StartingWithADash_IsLookedForWhole()
    {
        using var dir = new TempDir();
        var error = dir.Run("featurize", "--data", dir["-1 photo"], "--out", dir["f.csv"]).UserError();
        Assert.Contains($"'{dir["-1 photo"]}' does not exist", error);
        var relative = CliRunner.Run("featurize", "--data", "-1 photo", "--out", dir["f.csv"]).UserError();
        Assert.Contains($"'{Path.GetFullPath("-1 photo")}' does not exist", relative);
    }

    /// <summary>Values full of dashes, spaces, '=', quotes and tabs, most starting with '-'.</summary>
    private static readonly Gen<string> Value = Gen.Select(
        Gen.OneOf("", "-", "--", "---", "-1", "-x", "--x", "=", " "),
        Gen.Char["-= ab1Z\t\"':,.é"].Array[0, 12].Select(a => new string(a)),
        (prefix, rest) => prefix + rest);

    private static bool LooksLikeOption(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^(-[A-Za-z]|--[A-Za-z][A-Za-z0-9-]*(=.*)?)\\z", System.Text.RegularExpressions.RegexOptions.Singleline);

    [Fact]
    public void AnyValue_OfInputAndAPathOption_ArrivesWholeOrFailsLoudly()
    {
        Gen.Select(Value, Gen.Bool, Gen.Bool).Sample((value, equals, path) =>
        {
            var args = path
                ? (string[])["featurize", "--data", "d", "--out", "o.csv", .. (equals ? new[] { "--cache-dir=" + value } : ["--cache-dir", value])]
                : ["predict", "--model", "m.zip", .. (equals ? new[] { "--input=" + value } : ["--input", value])];
            var (settings, error) = Parse(args);
            var got = settings switch
            {
                PredictSettings predict => predict.Input,
                FeaturizeSettings featurize => featurize.CacheDir,
                _ => null,
            };
            if (value.Length == 0 || (!equals && LooksLikeOption(value)))
                Assert.True(error is not null && error.StartsWith("Option '", StringComparison.Ordinal) && error.Contains("needs a value"),
                    $"[{value}] gave '{got}' / {error}");
            else
                Assert.True(error is null && got == value, $"[{value}] (equals: {equals}) gave [{got}] / {error}");
        }, iter: 2000);
    }
}
