using MlNetTransfer.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli;

/// <summary>Wires the commands. Exit codes: 0 success, 1 user error (one-line message), 2 internal error.</summary>
public static partial class CliApp
{
    private static readonly HashSet<string> FlagsWithoutValue = ["--help", "-h", "--version", "-v", "--no-cache", "--verbose", "--force"];

    /// <summary>What the help and the errors say about values that start with '-'.</summary>
    internal const string DashValueHint = "a value that starts with '-' can always be written --option=<value>";

    /// <summary>
    /// Every option of this app but the flags takes exactly one value, and that value is the whole next argument,
    /// whatever it starts with: <c>--input "-1 stars"</c> and <c>--input "--- Original Message ---"</c> reach the
    /// command whole. Spectre.Console.Cli 0.57 would split "-1 stars" as a short-option cluster, take an argument
    /// starting with "--" as the next option, and fill an option given without a value with an internal placeholder, so
    /// each <c>--name value</c> pair is handed to it as <c>--name=value</c> (which it takes verbatim). The one
    /// ambiguity, a next argument that looks like an option itself (<c>--model</c>, <c>--x=y</c>, <c>-h</c>), is an
    /// error that says to write <c>--name=value</c>. <c>--verbose</c> (in an option's place) is taken out and returned.
    /// </summary>
    internal static (string[] Args, bool Verbose) PrepareArguments(IReadOnlyList<string> args)
    {
        var prepared = new List<string>(args.Count);
        var verbose = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--verbose") { verbose = true; continue; }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || FlagsWithoutValue.Contains(arg) || !LooksLikeOption(arg))
            {
                prepared.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                if (equals == arg.Length - 1) throw new UserInputException($"Option '{arg[..equals]}' needs a value.");
                prepared.Add(arg);
                continue;
            }
            if (i + 1 == args.Count || LooksLikeOption(args[i + 1]))
                throw new UserInputException(i + 1 == args.Count
                    ? $"Option '{arg}' needs a value."
                    : $"Option '{arg}' needs a value; '{args[i + 1]}' is an option ({DashValueHint}: {arg}={args[i + 1]}).");
            if (args[i + 1].Length == 0) throw new UserInputException($"Option '{arg}' needs a value; got an empty one.");
            prepared.Add(arg + "=" + args[++i]);
        }
        return ([.. prepared], verbose);
    }

    /// <summary><c>-h</c>, <c>--model</c>, <c>--out=x</c>: an option's name (letters, digits, dashes), not a value.</summary>
    private static bool LooksLikeOption(string arg) => OptionPattern().IsMatch(arg);

    [System.Text.RegularExpressions.GeneratedRegex("^(-[A-Za-z]|--[A-Za-z][A-Za-z0-9-]*(=.*)?)\\z", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex OptionPattern();

    /// <summary>Runs the app on the process's console: results on standard output, errors on standard error.</summary>
    public static int Run(string[] args, CancellationToken cancellation) => Run(args, AnsiConsole.Console, Console.Error, cancellation);

    /// <summary>
    /// Runs the app with results written to <paramref name="console"/> and error lines to <paramref name="error"/>;
    /// exit codes as documented on <see cref="ExitCodes"/>. No process-wide state is changed, so runs may go on in
    /// parallel in one process (the tests do); relative paths and environment variables are still the process's.
    /// </summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        // --verbose (any command, anywhere, in an option's place): errors also print their stack trace.
        var verbose = false;
        int Report(Exception exception) => ExitCodes.Report(exception, error, verbose);
        try
        {
            (args, verbose) = PrepareArguments(args);
        }
        catch (UserInputException exception)
        {
            verbose = args.Contains("--verbose");
            return Report(exception);
        }
        // Spectre's own conversion error ("Failed to convert 'abc' to Double.") does not name the option.
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0) continue;
            var (name, value) = (arg[..equals], arg[(equals + 1)..]);
            var bad = name switch
            {
                "--test-fraction" => !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? "a number between 0 and 1" : null,
                "--seed" => !int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? "a whole number" : null,
                _ => null,
            };
            if (bad is not null) return Report(new UserInputException($"Option '{name}' takes {bad}; got '{value}'."));
        }
        return Create(console, Report).Run(args, cancellation);
    }

    /// <summary>
    /// The command app: commands write to <paramref name="console"/> (injected through Spectre's type registrar) and
    /// every exception goes to <paramref name="report"/>, which returns the exit code.
    /// </summary>
    public static CommandApp Create(IAnsiConsole console, Func<Exception, int> report)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("mlnet-transfer");
            config.ConfigureConsole(console);
            config.Settings.Registrar.RegisterInstance(console);
            config.UseStrictParsing();
            config.CancellationExitCode(ExitCodes.Cancelled);
            config.SetExceptionHandler((exception, _) => report(exception));
            config.AddCommand<TrainCommand>("train").WithDescription("Train a model on a class-folder tree or a CSV and save it as an ML.NET zip.");
            config.AddCommand<EvaluateCommand>("evaluate").WithDescription("Evaluate a saved model on labelled data.");
            config.AddCommand<PredictCommand>("predict").WithDescription("Predict one input, or every input of a dataset into a CSV.");
            config.AddCommand<FeaturizeCommand>("featurize").WithDescription("Write frozen-backbone embeddings to a CSV.");
            config.AddCommand<PlotCommand>("plot").WithDescription("Draw a 2-D map (t-SNE or PCA) of a data set's features, coloured by label or domain.");
            config.AddCommand<BackbonesCommand>("backbones").WithDescription("List the backbone manifests found.");
            config.AddCommand<InspectCommand>("inspect").WithDescription("Show an ONNX file's tensors or a saved model's steps.");
            config.AddCommand<CodegenCommand>("codegen").WithDescription("Write a C# project (console app or web API) that predicts with a saved model.");
            config.AddBranch("cache", cache =>
            {
                cache.SetDescription("The embedding cache: info, clear.");
                cache.AddCommand<CacheInfoCommand>("info").WithDescription("Where the cache is, how many embeddings it holds and its size.");
                cache.AddCommand<CacheClearCommand>("clear").WithDescription("Delete every cached embedding.");
            });
            config.AddCommand<DemoCommand>("demo").WithDescription("Train and evaluate on the Fashion-MNIST subset shipped in data/.");
        });
        return app;
    }
}
