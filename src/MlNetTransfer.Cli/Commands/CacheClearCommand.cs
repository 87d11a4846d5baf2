using System.Globalization;
using MlNetTransfer.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Deletes every cached embedding; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class CacheClearCommand(IAnsiConsole console) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellation)
    {
        var database = settings.CacheDatabase();
        if (!File.Exists(database))
        {
            console.MarkupLineInterpolated($"removed 0 embeddings: [green]{database}[/] does not exist");
            return ExitCodes.Success;
        }
        using var cache = EmbeddingCache.Open(settings.CacheFolder);
        var removed = cache.Clear();
        console.MarkupLineInterpolated($"removed {removed.ToString(CultureInfo.InvariantCulture)} embeddings from [green]{cache.DatabasePath}[/]");
        return ExitCodes.Success;
    }
}
