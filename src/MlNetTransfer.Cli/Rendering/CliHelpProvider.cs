using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>
/// Spectre's help with what a person looks for first: a command's required options in its usage line
/// (<c>mlnet-transfer train --data &lt;PATH&gt; --out &lt;MODEL_ZIP&gt; [OPTIONS]</c>) and first in its option list, marked
/// "Required."; and <c>--verbose</c>, which <see cref="CliApp"/> takes out before Spectre parses the arguments, listed
/// with every command's options. The descriptions are the settings classes' <c>[Description]</c> attributes.
/// </summary>
/// <param name="settings">The app's settings (culture, default values shown or not).</param>
/// <param name="requiredOptions">The required options of each command by command name (<see cref="CliApp.RequiredOptions"/>).</param>
public sealed class CliHelpProvider(ICommandAppSettings settings, IReadOnlyDictionary<string, IReadOnlyList<string>> requiredOptions)
    : HelpProvider(settings)
{
    /// <summary>What <c>--verbose</c> does, as the help lists it.</summary>
    public const string VerboseDescription = "On an error, also print its stack trace (any command, anywhere on the line)";

    private readonly bool _showDefaults = settings.ShowOptionDefaultValues;

    /// <summary>The command's required options, in the order <paramref name="command"/>'s settings declare them.</summary>
    private IReadOnlyList<ICommandOption> Required(ICommandInfo? command)
    {
        if (command is null || !requiredOptions.TryGetValue(command.Name, out var names)) return [];
        return command.Parameters.OfType<ICommandOption>().Where(o => o.LongNames.Any(names.Contains)).ToList();
    }

    private static string Spelled(ICommandOption option) =>
        "--" + option.LongNames[0] + (option.ValueName is { } value ? $" <{value}>" : "");

    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetUsage(ICommandModel model, ICommandInfo? command)
    {
        var required = Required(command);
        if (command is null || command.IsBranch || required.Count == 0) return base.GetUsage(model, command);
        var line = string.Join(' ', [Markup.Escape(model.ApplicationName), $"[underline]{Markup.Escape(command.Name)}[/]",
            .. required.Select(o => Markup.Escape(Spelled(o))), "[grey][[OPTIONS]][/]"]);
        return [new Markup("[yellow]USAGE:[/]" + Environment.NewLine + "    " + line + Environment.NewLine)];
    }

    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command)
    {
        var required = Required(command);
        var rows = new List<(string Names, string? Default, string Description)>();
        foreach (var option in required) rows.Add((Names(option), DefaultOf(option), "Required. " + (option.Description ?? "")));
        rows.Add(("-h, --help", null, "Prints help information"));
        if (command is null) rows.Add(("-v, --version", null, "Prints the version (the assembly's informational version)"));
        foreach (var option in command?.Parameters.OfType<ICommandOption>().Where(o => !o.IsHidden && !required.Contains(o)) ?? [])
            rows.Add((Names(option), DefaultOf(option), option.Description ?? ""));
        rows.Add(("    --verbose", null, VerboseDescription));

        var showDefaults = _showDefaults && rows.Any(r => r.Default is not null);
        var grid = new Grid();
        grid.AddColumn(new GridColumn { Padding = new Padding(4, 0, 4, 0), NoWrap = true });
        if (showDefaults) grid.AddColumn(new GridColumn { Padding = new Padding(0, 0, 4, 0) });
        grid.AddColumn(new GridColumn { Padding = new Padding(0, 0) });
        if (showDefaults) grid.AddRow(new Spectre.Console.Text(""), new Markup("[lime]DEFAULT[/]"), new Spectre.Console.Text(""));
        foreach (var (names, value, description) in rows)
        {
            var cells = new List<IRenderable> { new Markup($"[silver]{Markup.Escape(names)}[/]") };
            if (showDefaults) cells.Add(new Markup(value is null ? "" : $"[bold]{Markup.Escape(value)}[/]"));
            cells.Add(new Spectre.Console.Text(description.TrimEnd('.')));
            grid.AddRow([.. cells]);
        }
        return [new Markup(Environment.NewLine), new Markup("[yellow]OPTIONS:[/]"), new Markup(Environment.NewLine), grid];
    }

    private static string Names(ICommandOption option)
    {
        var names = option.ShortNames.Count > 0 ? $"-{option.ShortNames[0]}, " : "    ";
        return names + Spelled(option);
    }

    private static string? DefaultOf(ICommandOption option) => option.DefaultValue?.Value switch
    {
        null => null,
        false when option.IsFlag => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}
