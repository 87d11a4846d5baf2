using System.ComponentModel;
using MlNetTransfer.Workflows;
using Spectre.Console.Cli;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Settings of commands that featurize one data set (<c>--data</c>) as <c>featurize</c> does: the data, its columns and their featurizers.</summary>
public class FeatureDataSettings : FeatureColumnSettings
{
    [CommandOption("--data <PATH>"), Description("A folder of images (class sub-folders give labels) or a CSV with image paths.")]
    public string Data { get; init; } = "";

    /// <summary>The library's featurize options for <see cref="Data"/>, writing to <paramref name="output"/>.</summary>
    protected FeaturizeOptions ToFeaturizeOptions(string output) => ToFeaturizeOptions(Data, output);
}
