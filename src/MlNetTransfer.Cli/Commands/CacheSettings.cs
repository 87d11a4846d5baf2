using System.ComponentModel;
using MlNetTransfer.Engine;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Where the embedding cache lives; shared by the commands that run backbones and by <c>cache</c>.</summary>
public class CacheSettings : CommandSettings
{
    [CommandOption("--cache-dir <DIR>"), Description("Embedding cache folder (default: $XDG_CACHE_HOME/mlnet-transfer or ~/.cache/mlnet-transfer).")]
    public string? CacheDir { get; init; }

    /// <summary>The folder to use: <see cref="CacheDir"/> or the default.</summary>
    public string CacheFolder => CacheDir ?? EmbeddingCache.DefaultDirectory;

    /// <summary>The cache's database file in <see cref="CacheFolder"/> (full path); a <see cref="UserInputException"/> when the folder is a file.</summary>
    public string CacheDatabase()
    {
        var folder = Path.GetFullPath(CacheFolder);
        if (File.Exists(folder)) throw new UserInputException($"--cache-dir '{folder}' is a file; the cache is a folder (it holds {EmbeddingCache.FileName}).");
        return Path.Combine(folder, EmbeddingCache.FileName);
    }
}
