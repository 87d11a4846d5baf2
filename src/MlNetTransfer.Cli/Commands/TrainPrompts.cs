using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using Spectre.Console;

namespace MlNetTransfer.Cli.Commands;

/// <summary>
/// The guided start of <c>train</c>: on an interactive console, a run that lacks <c>--data</c> or <c>--out</c> asks for
/// what is missing with Spectre prompts instead of failing: the training data (a folder or a .csv/.tsv that exists;
/// asked again otherwise), the label column when a CSV has none named <c>label</c>, the column roles the loader detected
/// (shown with the reasons, to confirm or change one by one), the trainer (the head names of the task the data implies,
/// from <see cref="HeadRegistry"/> or <see cref="RegressionHeadRegistry"/>, and <c>auto</c>), the time budget when the
/// trainer is <c>auto</c>, and the model file. The answers become ordinary options, printed as the command line that
/// repeats the run without questions. On a console that is not interactive (output or input redirected, CI, a test's
/// plain console) nothing is asked and nothing waits for input: the arguments are returned as they are, and the
/// settings' validation fails with the usage line (exit 1).
/// </summary>
public static class TrainPrompts
{
    /// <summary>The trainer name that searches heads within a time budget (<c>--trainer auto --time-budget &lt;s&gt;</c>).</summary>
    public const string Auto = "auto";

    /// <summary>The time budget offered when the trainer is <see cref="Auto"/>, in seconds.</summary>
    public const int DefaultTimeBudgetSeconds = 60;

    private static readonly (ColumnRole? Role, string Name, string Option)[] Roles =
    [
        (ColumnRole.Image, "image", "--image-column"),
        (ColumnRole.Text, "text", "--text-column"),
        (ColumnRole.Numeric, "numeric", "--numeric-column"),
        (ColumnRole.Categorical, "categorical", "--categorical-column"),
        (null, "ignore", "--ignore-column"),
    ];

    /// <summary>
    /// <paramref name="args"/> (as <see cref="CliApp.PrepareArguments"/> leaves them: every value as <c>--name=value</c>)
    /// with the answers to the questions above appended as <c>--name=value</c>; <paramref name="args"/> itself when the
    /// command is not <c>train</c>, help is asked for, <c>--data</c> and <c>--out</c> are both given, or
    /// <paramref name="console"/> is not interactive (<c>Profile.Capabilities.Interactive</c>).
    /// </summary>
    /// <param name="args">The prepared arguments.</param>
    /// <param name="console">Where the questions are asked and answered.</param>
    /// <param name="cancellation">Stops between questions.</param>
    /// <exception cref="UserInputException">The data cannot be loaded (the loader's message, naming the file, row and column).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static string[] Complete(IReadOnlyList<string> args, IAnsiConsole console, CancellationToken cancellation)
    {
        if (args.FirstOrDefault(a => !a.StartsWith('-')) != "train" || args.Any(a => a is "--help" or "-h")) return [.. args];
        string? Given(string name) => args.LastOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];
        if ((Given("data") is not null && Given("out") is not null) || Given("features") is not null || !console.Profile.Capabilities.Interactive) return [.. args];

        var added = new List<string>();
        console.MarkupLine("[bold]train[/] needs training data and a model file to write; a few questions set them up ([grey]Ctrl+C stops[/]).");
        var data = Given("data");
        if (data is null)
        {
            data = console.Prompt(new TextPrompt<string>("Training data ([grey]a folder with one sub-folder per class, or a .csv / .tsv file[/]):")
                .Validate(path => DataProblem(path) is { } problem ? ValidationResult.Error(Markup.Escape(problem)) : ValidationResult.Success()));
            added.Add("--data=" + data);
        }
        cancellation.ThrowIfCancellationRequested();

        var label = Given("label");
        var dataset = Load(console, data, ref label, cancellation);
        if (label is not null && Given("label") is null) added.Add("--label=" + label);
        var namesColumns = Roles.Any(r => args.Any(a => a.StartsWith(r.Option + "=", StringComparison.Ordinal)));
        if (!namesColumns) added.AddRange(ConfirmRoles(console, dataset, cancellation));

        var trainer = Given("trainer");
        if (trainer is null)
        {
            var heads = dataset.Task == LearningTask.Regression ? RegressionHeadRegistry.Default.Names : HeadRegistry.Default.Names;
            trainer = console.Prompt(new SelectionPrompt<string>()
                .Title($"Trainer ([grey]the head on the features of this {dataset.Task.ToString().ToLowerInvariant()}; {Auto}: try several within a time budget[/]):")
                .AddChoices([.. heads, Auto]));
            added.Add("--trainer=" + trainer);
        }
        cancellation.ThrowIfCancellationRequested();
        if (string.Equals(trainer, Auto, StringComparison.OrdinalIgnoreCase) && Given("time-budget") is null)
        {
            var seconds = console.Prompt(new TextPrompt<int>("Time budget for the search, in seconds:")
                .DefaultValue(DefaultTimeBudgetSeconds)
                .Validate(s => s > 0 ? ValidationResult.Success() : ValidationResult.Error("A time budget is a positive number of seconds.")));
            added.Add("--time-budget=" + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        cancellation.ThrowIfCancellationRequested();
        if (Given("out") is null)
        {
            var output = console.Prompt(new TextPrompt<string>("Model file to write ([grey]a .zip[/]):")
                .DefaultValue("model.zip")
                .Validate(path => OutProblem(path) is { } problem ? ValidationResult.Error(Markup.Escape(problem)) : ValidationResult.Success()));
            added.Add("--out=" + output);
        }
        string[] completed = [.. args, .. added];
        console.MarkupLineInterpolated($"[grey]The same run without questions: mlnet-transfer {string.Join(' ', completed.Select(Quoted))}[/]");
        return completed;
    }

    /// <summary>Why <paramref name="path"/> cannot be training data (not a folder, not an existing .csv / .tsv), else null.</summary>
    public static string? DataProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "A path is required.";
        var full = Path.GetFullPath(path.Trim());
        if (Directory.Exists(full)) return null;
        if (!File.Exists(full)) return $"'{full}' does not exist.";
        return full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"'{full}' is neither a folder of images nor a .csv or .tsv file.";
    }

    /// <summary>Why <paramref name="path"/> cannot be the model file (not a .zip, or its folder does not exist), else null.</summary>
    public static string? OutProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.Trim().EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return "The model file is a .zip.";
        var folder = Path.GetDirectoryName(Path.GetFullPath(path.Trim()));
        return folder is null || Directory.Exists(folder) ? null : $"Folder '{folder}' does not exist.";
    }

    /// <summary>
    /// Loads the data as <c>train</c> will (its label and roles detected); a CSV the loader refuses is shown with the
    /// loader's message and its label column asked for, up to three times, then the last message is thrown.
    /// </summary>
    private static Dataset Load(IAnsiConsole console, string data, ref string? label, CancellationToken cancellation)
    {
        var isFile = File.Exists(Path.GetFullPath(data));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return DatasetLoader.Load(data, new DatasetOptions { LabelColumn = label, IsTrainingData = true });
            }
            catch (UserInputException e) when (isFile && attempt < 3)
            {
                console.MarkupLineInterpolated($"[red]{e.Message}[/]");
                cancellation.ThrowIfCancellationRequested();
                label = console.Prompt(new TextPrompt<string>("Label column (the column that holds the classes or the number to predict):"));
            }
        }
    }

    /// <summary>
    /// Shows each column's detected role and the loader's reasons, and asks whether to keep them; if not, asks each
    /// column's role (the detected one first) and returns the options that name them all.
    /// </summary>
    private static IEnumerable<string> ConfirmRoles(IAnsiConsole console, Dataset dataset, CancellationToken cancellation)
    {
        var table = new Table().AddColumn("column").AddColumn("role");
        foreach (var column in dataset.Columns) table.AddRow(Markup.Escape(column.Name), RoleName(column.Role));
        console.Write(table);
        foreach (var note in dataset.Notes) console.MarkupLineInterpolated($"[grey]{note}[/]");
        if (dataset.TaskNote is { } task) console.MarkupLineInterpolated($"[grey]Task: {task}[/]");
        if (console.Prompt(new ConfirmationPrompt("Use these column roles?") { DefaultValue = true })) return [];
        var options = new List<string>();
        foreach (var column in dataset.Columns.Where(c => c.Role != ColumnRole.Series))
        {
            cancellation.ThrowIfCancellationRequested();
            var current = Roles.First(r => r.Role == column.Role).Name;
            var role = console.Prompt(new SelectionPrompt<string>()
                .Title($"Role of column '{Markup.Escape(column.Name)}':")
                .AddChoices([current, .. Roles.Select(r => r.Name).Where(n => n != current)]));
            options.Add(Roles.First(r => r.Name == role).Option + "=" + column.Name);
        }
        return options;
    }

    private static string RoleName(ColumnRole role) => Roles.FirstOrDefault(r => r.Role == role).Name ?? role.ToString().ToLowerInvariant();

    /// <summary>An argument as a POSIX shell reads it back: single-quoted when it holds anything but safe characters.</summary>
    private static string Quoted(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,+@%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
