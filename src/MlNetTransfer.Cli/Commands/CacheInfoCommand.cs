using System.Globalization;
using MlNetTransfer.Engine;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Shows where the embedding cache is, how many embeddings it holds and its size; results go to <paramref name="console"/>.</summary>
/// <param name="console">Where the command writes its results (the process's console, or a test's).</param>
public sealed class CacheInfoCommand(IAnsiConsole console) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellation)
    {
        // Looking creates nothing: no folder, no empty database.
        var database = settings.CacheDatabase();
        if (!File.Exists(database))
        {
            console.MarkupLineInterpolated($"cache: [green]{database}[/] (does not exist yet)");
            console.WriteLine("embeddings: 0");
            console.WriteLine("size: 0.0 MB");
            return ExitCodes.Success;
        }
        using var cache = EmbeddingCache.Open(settings.CacheFolder);
        var (entries, bytes) = cache.Info();
        console.MarkupLineInterpolated($"cache: [green]{cache.DatabasePath}[/]");
        console.WriteLine($"embeddings: {entries.ToString(CultureInfo.InvariantCulture)}");
        console.WriteLine($"size: {(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB");
        return ExitCodes.Success;
    }
}
