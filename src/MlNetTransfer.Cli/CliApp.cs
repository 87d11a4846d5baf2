using MlNetTransfer.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli;

/// <summary>Wires the commands. Exit codes: 0 success, 1 user error (one-line message), 2 internal error.</summary>
public static class CliApp
{
    private static readonly HashSet<string> FlagsWithoutValue = ["--help", "-h", "--version", "-v", "--no-cache"];

    /// <summary>Runs the app on the process's console: results on standard output, errors on standard error.</summary>
    public static int Run(string[] args, CancellationToken cancellation) => Run(args, AnsiConsole.Console, Console.Error, cancellation);

    /// <summary>
    /// Runs the app with results written to <paramref name="console"/> and error lines to <paramref name="error"/>;
    /// exit codes as documented on <see cref="ExitCodes"/>. No process-wide state is changed, so runs may go on in
    /// parallel in one process (the tests do); relative paths and environment variables are still the process's.
    /// </summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        // --verbose (any command, anywhere): errors also print their stack trace.
        var verbose = args.Contains("--verbose");
        int Report(Exception exception) => ExitCodes.Report(exception, error, verbose);
        args = args.Where(a => a != "--verbose").ToArray();
        // Spectre.Console.Cli 0.57 fills an option given without a value with an internal placeholder instead of
        // failing, so a missing value is caught here: every option of this app takes a value.
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=') && !FlagsWithoutValue.Contains(args[i])
                && (i + 1 == args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                return Report(new UserInputException($"Option '{args[i]}' needs a value."));
        // Spectre's own conversion error ("Failed to convert 'abc' to Double.") does not name the option.
        for (var i = 0; i + 1 < args.Length; i++)
        {
            var value = args[i + 1];
            var bad = args[i] switch
            {
                "--test-fraction" => !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? "a number between 0 and 1" : null,
                "--seed" => !int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _) ? "a whole number" : null,
                _ => null,
            };
            if (bad is not null) return Report(new UserInputException($"Option '{args[i]}' takes {bad}; got '{value}'."));
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
            config.AddCommand<BackbonesCommand>("backbones").WithDescription("List the backbone manifests found.");
            config.AddCommand<InspectCommand>("inspect").WithDescription("Show an ONNX file's tensors or a saved model's steps.");
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
