using System.ComponentModel;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Settings of commands that run backbones: the cache folder, or none.</summary>
public class BackboneRunSettings : CacheSettings
{
    [CommandOption("--no-cache"), Description("Do not read or write the embedding cache.")]
    public bool NoCache { get; init; }

    [CommandOption("--device <DEVICE>"), Description("Where backbones run: cpu, cuda or cuda:N (CUDA needs a -p:UseGpu=true build; otherwise the CPU is used, with a message)."), DefaultValue(MlNetTransfer.Defaults.Device)]
    public string Device { get; init; } = MlNetTransfer.Defaults.Device;

    [CommandOption("--on-bad-input <POLICY>"), Description(BadInputHelp.Text), DefaultValue("fail")]
    public string OnBadInput { get; init; } = "fail";

    [CommandOption("--separator <SEP>"), Description("CSV field separator: ',', ';', 'tab' or another single character (default: detected from the header line: comma, semicolon or tab).")]
    public string? Separator { get; init; }

    /// <summary>--separator parsed ("tab" or "\t" is a tab); null when not given or when it does not parse (<see cref="ValueProblems"/> reports it).</summary>
    protected char? ParsedSeparator => Separator switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } one => one[0],
        _ => null,
    };
    [CommandOption("--max-image-pixels <PIXELS>"), Description("Refuse images whose header announces more pixels (width x height) than this, before decoding: a bad input (see --on-bad-input)."), DefaultValue(MlNetTransfer.Defaults.MaxImagePixels)]
    public long MaxImagePixels { get; init; } = MlNetTransfer.Defaults.MaxImagePixels;

    /// <summary>--device parsed; the CPU when it does not parse (<see cref="ValueProblems"/> reports it).</summary>
    protected ComputeDevice ParsedDevice => ComputeDevice.TryParse(Device, out var device) ? device : ComputeDevice.Cpu;

    /// <summary>--on-bad-input parsed; fail when it does not parse (<see cref="ValueProblems"/> reports it).</summary>
    protected BadInputPolicy ParsedOnBadInput => BadInputPolicies.TryParse(OnBadInput, out var policy) ? policy : BadInputPolicy.Fail;

    /// <summary>The values of --device and --on-bad-input that do not parse, as phrases.</summary>
    protected IEnumerable<string> ValueProblems()
    {
        if (!ComputeDevice.TryParse(Device, out _)) yield return $"unknown device '{Device}': expected cpu, cuda or cuda:N";
        if (BadInputPolicies.Problem(OnBadInput) is { } badInput) yield return badInput;
        if (Separator is not null && ParsedSeparator is null) yield return $"--separator must be one character or 'tab' (got '{Separator}')";
    }

    /// <summary>The cache folder to use, or null with --no-cache.</summary>
    public string? EffectiveCacheDir => NoCache ? null : CacheFolder;
}
