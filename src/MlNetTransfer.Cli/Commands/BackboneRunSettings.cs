using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Settings of commands that run backbones: the cache folder, or none.</summary>
public class BackboneRunSettings : CacheSettings
{
    [CommandOption("--no-cache"), Description("Do not read or write the embedding cache.")]
    public bool NoCache { get; init; }

    /// <summary>The cache folder to use, or null with --no-cache.</summary>
    public string? EffectiveCacheDir => NoCache ? null : CacheFolder;
}
