using System.ComponentModel;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Settings of commands that run backbones: the cache folder, or none.</summary>
public class BackboneRunSettings : CacheSettings
{
    [CommandOption("--no-cache"), Description("Do not read or write the embedding cache.")]
    public bool NoCache { get; init; }

    [CommandOption("--device <DEVICE>"), Description("Where backbones run: cpu, cuda or cuda:N (CUDA needs a -p:UseGpu=true build; otherwise the CPU is used, with a message)."), DefaultValue("cpu")]
    public string Device { get; init; } = "cpu";

    /// <summary>The cache folder to use, or null with --no-cache.</summary>
    public string? EffectiveCacheDir => NoCache ? null : CacheFolder;
}
