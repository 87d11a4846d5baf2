using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>Runs tests/MlNetTransfer.PlainConsumer (an app referencing ML.NET only) on a model zip and images or a CSV, and parses its output.</summary>
internal static class PlainMlNetProcess
{
    public static string ConsumerPath => typeof(PlainMlNetProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PlainConsumer").Value!;

    public static IReadOnlyList<(string Path, string Predicted, float[] Scores)> Predict(string modelZip, IEnumerable<string> images) =>
        Run([modelZip, .. images]);

    /// <summary>
    /// The consumer's predictions for every row of <paramref name="csv"/>, read with ML.NET's own TextLoader (the columns
    /// the zip's input schema names; an empty number is NaN); each result's Path is the 1-based row number.
    /// </summary>
    public static IReadOnlyList<(string Path, string Predicted, float[] Scores)> PredictCsv(string modelZip, string csv) =>
        Run(["--csv", modelZip, csv]);

    private static IReadOnlyList<(string Path, string Predicted, float[] Scores)> Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ConsumerPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"plain ML.NET consumer failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.TrimEnd('\r').Split('\t');
            return (parts[0], parts[1], parts[2].Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        }).ToList();
    }

    /// <summary>
    /// The float <c>Score</c> of each row for a model whose input is a float vector column <c>Features</c> (a regression
    /// head), from the consumer's <c>--features</c> mode.
    /// </summary>
    public static IReadOnlyList<float> PredictScores(string modelZip, IEnumerable<float[]> rows) =>
        RunFeatures(modelZip, rows, null).Select(line => float.Parse(line, CultureInfo.InvariantCulture)).ToList();

    /// <summary>
    /// The float vector column <paramref name="column"/> of each row for a model whose input is a float vector column
    /// <c>Features</c> (a feature-space step such as PCA), from the consumer's <c>--features</c> mode.
    /// </summary>
    public static IReadOnlyList<float[]> TransformRows(string modelZip, IEnumerable<float[]> rows, string column) =>
        RunFeatures(modelZip, rows, column).Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();

    private static IReadOnlyList<string> RunFeatures(string modelZip, IEnumerable<float[]> rows, string? column)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"plain-rows-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(csv, rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { ConsumerPath, "--features", modelZip, csv }) start.ArgumentList.Add(argument);
            if (column is not null) start.ArgumentList.Add(column);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"plain ML.NET consumer failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
