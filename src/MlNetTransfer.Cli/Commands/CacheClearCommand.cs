using System.Globalization;
using MlNetTransfer.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class CacheClearCommand : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellation)
    {
        using var cache = EmbeddingCache.Open(settings.CacheFolder);
        var removed = cache.Clear();
        AnsiConsole.MarkupLineInterpolated($"removed {removed.ToString(CultureInfo.InvariantCulture)} embeddings from [green]{cache.DatabasePath}[/]");
        return ExitCodes.Success;
    }
}
