using System.Reflection;
using MlNetTransfer.Cli.Commands;
using MlNetTransfer.Cli.Rendering;
using MlNetTransfer.Common;
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
        var known = CommandOf(args).Settings is { } settings ? OptionNames(settings).Concat(["help", "version"]).ToHashSet() : null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--verbose") { verbose = true; continue; }
            if (arg == "--")
                throw new UserInputException(i + 1 == args.Count
                    ? "A bare '--' is not an option: remove it."
                    : $"Arguments after '--' would be ignored ({string.Join(' ', args.Skip(i + 1))}): mlnet-transfer takes options only; remove the '--' ({DashValueHint}).");
            if (arg.StartsWith("--=", StringComparison.Ordinal))
                throw new UserInputException($"'{arg}' is not an option: an option is --name or --name=value.");
            // An option's value never gets here (it is taken with its option below), so '-data' is a misspelled option.
            if (SingleDashWord().IsMatch(arg))
                throw new UserInputException($"Unknown option '{arg}': long options take two dashes (-{arg.Split('=')[0]}).");
            // An option the command does not have goes to Spectre as it is, which names it with the nearest existing one
            // (Explain), even when it is last and so has no value.
            if (known is not null && LooksLikeOption(arg) && !FlagsWithoutValue.Contains(arg) && arg.IndexOf('=', StringComparison.Ordinal) < 0
                && arg.StartsWith("--", StringComparison.Ordinal) && !known.Contains(arg[2..]))
            {
                prepared.Add(arg);
                continue;
            }
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

    /// <summary><c>-data</c>, <c>-label=x</c>: a long option's name written with one dash (two letters or more).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^-[A-Za-z][A-Za-z0-9-]+(=.*)?\\z", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex SingleDashWord();

    /// <summary>
    /// The width given to a console whose output is not a terminal (a file, a pipe, CI's log, a test's writer): wide
    /// enough that no line is ever wrapped, so a path or a <c>Next:</c> hint stays whole for grep and copy-paste.
    /// </summary>
    public const int RedirectedWidth = 1 << 15;

    /// <summary>
    /// The options each command cannot run without (long names, without the dashes), by command name: the help shows them
    /// in the usage line and first among the options, and a run that lacks one prints that usage line with the error.
    /// Whether they are given is checked by each settings class's <c>Validate</c>; a test keeps this table equal to it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredOptions = new Dictionary<string, IReadOnlyList<string>>
    {
        ["train"] = ["data", "out"],
        ["evaluate"] = ["model", "data"],
        ["predict"] = ["model"],
        ["featurize"] = ["data", "out"],
        ["plot"] = ["data", "out"],
        ["adapt"] = ["source", "target", "out"],
        ["diagnose-shift"] = ["source", "target"],
    };

    /// <summary>The app's version: the assembly's informational version (the package version, with the commit when the build knew it).</summary>
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Runs the app on the process's console: results on standard output, errors on standard error.</summary>
    public static int Run(string[] args, CancellationToken cancellation) => Run(args, AnsiConsole.Console, Console.Error, cancellation);

    /// <summary>
    /// Runs the app with results written to <paramref name="console"/> and error lines to <paramref name="error"/>;
    /// exit codes as documented on <see cref="ExitCodes"/>. Without arguments it prints the usage and exits 1. When
    /// <paramref name="console"/>'s output is not a terminal its width becomes <see cref="RedirectedWidth"/> (nothing is
    /// wrapped). <c>train</c> with required options missing asks for them when <paramref name="console"/> is interactive
    /// (<see cref="TrainPrompts"/>), and never waits for input otherwise. Apart from that console's width, no process-wide
    /// state is changed, so runs may go on in parallel in one process (the tests do); relative paths and environment
    /// variables are still the process's.
    /// </summary>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellation)
    {
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = RedirectedWidth;
        // --verbose (any command, anywhere, in an option's place): errors also print their stack trace.
        var verbose = false;
        var given = args;
        int Report(Exception exception) => ExitCodes.Report(Explain(exception, given), error, verbose);
        if (args.Length == 0)
        {
            Create(console, Report).Run(["--help"], cancellation);
            return Report(new UserInputException("no command given: name one of the commands listed above (mlnet-transfer <command> --help tells more)."));
        }
        try
        {
            (args, verbose) = PrepareArguments(args);
        }
        catch (UserInputException exception)
        {
            verbose = args.Contains("--verbose");
            return Report(exception);
        }
        try
        {
            // Spectre's own conversion error ("Failed to convert 'abc' to Nullable`1.") names neither the option nor what it takes.
            OptionValues.Check(CommandOf(args).Settings, args);
        }
        catch (UserInputException exception)
        {
            return Report(exception);
        }
        try
        {
            args = TrainPrompts.Complete(args, console, cancellation);
            given = args;
        }
        catch (Exception exception) when (exception is UserInputException or OperationCanceledException)
        {
            return Report(exception);
        }
        return Create(console, Report).Run(args, cancellation);
    }

    /// <summary>
    /// Spectre's parse and validation errors with what a person needs next: an unknown option or command with the nearest
    /// existing one (<see cref="Spelling.Nearest"/>: "Unknown option 'tset'. Did you mean '--test'?"), or for an option the
    /// one whose name contains its words (<see cref="Spelling.OnlyContaining"/>: '--epochs' -> '--unfreeze-epochs'), and a missing
    /// required option with the command's usage line. Other exceptions are returned as they are.
    /// </summary>
    internal static Exception Explain(Exception exception, IReadOnlyList<string> args)
    {
        if (exception is not CommandAppException) return exception;
        var message = exception.Message.TrimEnd();
        var (command, settings) = CommandOf(args);
        if (message.StartsWith("Invalid long option name", StringComparison.Ordinal)
            && args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2 && !LooksLikeOption(a)) is { } invalid)
            return new UserInputException($"'{invalid.Split('=')[0]}' is not an option name: names are letters, digits and dashes (mlnet-transfer {command ?? "<command>"} --help lists them).", exception);
        var unknown = UnknownPattern().Match(message);
        if (unknown.Success)
        {
            var name = unknown.Groups["name"].Value;
            string? suggestion;
            if (unknown.Groups["what"].Value == "option")
            {
                IEnumerable<string> options = [.. OptionNames(settings), "help", "verbose", .. command is null ? ["version"] : Array.Empty<string>()];
                var bare = name.TrimStart('-');
                if (Spelling.Nearest(bare, options) is { } near) suggestion = "--" + near;
                else if (Spelling.OnlyContaining(bare, options) is { } containing)
                {
                    // Not a misspelling but another option with the word: say what that one does, it may not be what was meant
                    // ('--epochs' -> '--unfreeze-epochs', which only fine-tuning reads).
                    var help = OptionHelp(settings, containing);
                    return new UserInputException($"{message} Did you mean '--{containing}'?" + (help is null ? "" : $" It is: {help}"), exception);
                }
                else suggestion = null;
            }
            else if (command is not null && command != "cache")
            {
                // 'train stray' or 'train —data x' (a dash a word processor made long): a word where an option belongs.
                var option = Spelling.Nearest(name.TrimStart('-', '\u2013', '\u2014'), OptionNames(settings));
                return new UserInputException($"Unexpected argument '{name}': {command} takes options only (--name value)." +
                    (option is null ? "" : $" Did you mean '--{option}'?"), exception);
            }
            else suggestion = Spelling.Nearest(name, command == "cache" ? CacheCommands : Verbs.Select(v => v.Name).Append("cache"));
            return suggestion is null ? exception : new UserInputException($"{message} Did you mean '{suggestion}'?", exception);
        }
        if (command is not null && RequiredOptions.TryGetValue(command, out var required) && settings is not null
            && required.Any(r => !args.Any(a => a == "--" + r || a.StartsWith("--" + r + "=", StringComparison.Ordinal))))
            return new UserInputException($"{message} Usage: {Usage(command, settings)} (every option: mlnet-transfer {command} --help).", exception);
        return exception;
    }

    /// <summary><c>mlnet-transfer train --data &lt;PATH&gt; --out &lt;MODEL_ZIP&gt; [OPTIONS]</c>: the command with its required options.</summary>
    internal static string Usage(string command, Type settings)
    {
        var options = OptionAttributes(settings).ToList();
        var required = RequiredOptions.GetValueOrDefault(command) ?? [];
        var spelled = required.Select(r => options.FirstOrDefault(o => o.LongNames.Contains(r)) is { } o
            ? $"--{r}" + (o.ValueName is { } v ? $" <{v}>" : "") : $"--{r}");
        return string.Join(' ', ["mlnet-transfer", command, .. spelled, "[OPTIONS]"]);
    }

    private static readonly string[] CacheCommands = ["info", "clear"];

    /// <summary>Every command line's words and its settings type: the verbs, then <c>cache info</c> and <c>cache clear</c>.</summary>
    internal static IEnumerable<(string[] Command, Type Settings)> SettingsByCommand =>
        [.. Verbs.Select(v => (new[] { v.Name }, v.Settings)), .. CacheCommands.Select(c => (new[] { "cache", c }, typeof(CacheSettings)))];

    /// <summary>The command the arguments name (its first argument that is a command) and its settings type; nulls when none.</summary>
    private static (string? Command, Type? Settings) CommandOf(IReadOnlyList<string> args)
    {
        var first = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (first == "cache") return ("cache", typeof(CacheSettings));
        return Verbs.FirstOrDefault(v => v.Name == first) is { } verb ? (verb.Name, verb.Settings) : (null, null);
    }

    /// <summary>The settings' option properties, each with its <c>[CommandOption]</c>.</summary>
    private static IEnumerable<(PropertyInfo Property, CommandOptionAttribute Option)> OptionProperties(Type? settings) => settings is null ? [] :
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>()!)).Where(p => p.Option is not null);

    private static IEnumerable<CommandOptionAttribute> OptionAttributes(Type? settings) => OptionProperties(settings).Select(p => p.Option);

    private static IEnumerable<string> OptionNames(Type? settings) => OptionAttributes(settings).SelectMany(o => o.LongNames);

    /// <summary>The help text (<c>[Description]</c>) of the option whose long name is <paramref name="longName"/>; null when it has none.</summary>
    private static string? OptionHelp(Type? settings, string longName) => OptionProperties(settings)
        .Where(p => p.Option.LongNames.Contains(longName))
        .Select(p => p.Property.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));

    [System.Text.RegularExpressions.GeneratedRegex("^Unknown (?<what>option|command) '(?<name>[^']*)'\\.?$")]
    private static partial System.Text.RegularExpressions.Regex UnknownPattern();

    /// <summary>One command of the app: its name, settings type, description, and how it is added to Spectre's configurator.</summary>
    private sealed record Verb(string Name, Type Settings, string Description, Action<IConfigurator, string, string> Add);

    private static Verb Of<TCommand, TSettings>(string name, string description)
        where TCommand : Command<TSettings> where TSettings : CommandSettings =>
        new(name, typeof(TSettings), description, (config, n, d) => config.AddCommand<TCommand>(n).WithDescription(d));

    /// <summary>The commands, in the order the help lists them (the <c>cache</c> branch comes before <c>demo</c>).</summary>
    private static readonly Verb[] Verbs =
    [
        Of<TrainCommand, TrainSettings>("train", "Train a model on a class-folder tree or a CSV and save it as an ML.NET zip."),
        Of<EvaluateCommand, EvaluateSettings>("evaluate", "Evaluate a saved model on labelled data."),
        Of<PredictCommand, PredictSettings>("predict", "Predict one input, or every input of a dataset into a CSV."),
        Of<FeaturizeCommand, FeaturizeSettings>("featurize", "Write frozen-backbone embeddings to a CSV."),
        Of<PlotCommand, PlotSettings>("plot", "Draw a 2-D map (t-SNE or PCA) of a data set's features, coloured by label or domain."),
        Of<DiagnoseShiftCommand, DiagnoseShiftSettings>("diagnose-shift", "Measure how far apart two domains are (domain-classifier AUC, MMD, drifted features) and whether adapting is likely to help."),
        Of<AdaptCommand, AdaptSettings>("adapt", "Adapt a model from a labeled source to a target domain (CORAL, subspace alignment, DANN, self-training, ...) and save it as an ML.NET zip."),
        Of<BackbonesCommand, BackbonesCommand.Settings>("backbones", "List the backbone manifests found."),
        Of<InspectCommand, InspectCommand.Settings>("inspect", "Show what a saved model is made of (label column, labels, backbone, featurizers, head) or an ONNX file's tensors."),
        Of<CodegenCommand, CodegenSettings>("codegen", "Write a C# project (console app or web API) that predicts with a saved model."),
        Of<DemoCommand, DemoCommand.Settings>("demo", "Train and evaluate on the Fashion-MNIST subset shipped in data/."),
    ];

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
            config.SetApplicationVersion(Version);
            config.ConfigureConsole(console);
            config.SetHelpProvider(new CliHelpProvider(config.Settings, RequiredOptions));
            config.Settings.Registrar.RegisterInstance(console);
            config.UseStrictParsing();
            config.CancellationExitCode(ExitCodes.Cancelled);
            config.SetExceptionHandler((exception, _) => report(exception));
            foreach (var verb in Verbs.Where(v => v.Name != "demo")) verb.Add(config, verb.Name, verb.Description);
            config.AddBranch("cache", cache =>
            {
                cache.SetDescription("The embedding cache: info, clear.");
                cache.AddCommand<CacheInfoCommand>("info").WithDescription("Where the cache is, how many embeddings it holds and its size.");
                cache.AddCommand<CacheClearCommand>("clear").WithDescription("Delete every cached embedding.");
            });
            var demo = Verbs.Single(v => v.Name == "demo");
            demo.Add(config, demo.Name, demo.Description);
        });
        return app;
    }
}
