using System.Globalization;
using MlNetTransfer.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

public sealed class CacheInfoCommand : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellation)
    {
        using var cache = EmbeddingCache.Open(settings.CacheFolder);
        var (entries, bytes) = cache.Info();
        AnsiConsole.MarkupLineInterpolated($"cache: [green]{cache.DatabasePath}[/]");
        AnsiConsole.WriteLine($"embeddings: {entries.ToString(CultureInfo.InvariantCulture)}");
        AnsiConsole.WriteLine($"size: {(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB");
        return ExitCodes.Success;
    }
}
