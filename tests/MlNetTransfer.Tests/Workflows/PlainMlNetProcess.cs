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

    private static IReadOnlyList<(string Path, string Predicted, float[] Scores)> Run(IEnumerable<string> args) =>
        Consume(args).Select(line =>
        {
            var parts = line.Split('\t');
            return (parts[0], parts[1], parts[2].Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        }).ToList();

    /// <summary>
    /// Asserts that the plain app's <paramref name="plain"/> predictions (from <see cref="Predict"/> or
    /// <see cref="PredictCsv"/>) are the training run's <paramref name="expected"/> test predictions: every expected row is
    /// there (matched by Id = Path; the plain app may have predicted more rows), with the same label, as many scores as
    /// probabilities and each within <paramref name="tolerance"/>. <paramref name="normalizeScores"/>: the zip's scores
    /// are unnormalised (one-versus-all FastTree) and are divided by their sum first.
    /// </summary>
    public static void AssertPredictsAsTheTrainingRun(IReadOnlyList<(string Path, string Predicted, float[] Scores)> plain,
        IReadOnlyList<MlNetTransfer.Workflows.Prediction> expected, float tolerance, bool normalizeScores = false)
    {
        Assert.NotEmpty(expected);
        var byPath = plain.ToDictionary(p => p.Path);
        foreach (var want in expected)
        {
            Assert.True(byPath.TryGetValue(want.Id, out var got), $"the plain app gave no prediction for {want.Id}");
            Assert.Equal(want.Predicted, got.Predicted);
            Assert.Equal(want.Probabilities.Count, got.Scores.Length);
            var sum = normalizeScores ? got.Scores.Sum() : 1f;
            for (var k = 0; k < got.Scores.Length; k++)
                Assert.Equal(want.Probabilities[k], got.Scores[k] / sum, tolerance);
        }
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
            return Consume(column is null ? ["--features", modelZip, csv] : ["--features", modelZip, csv, column]);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>Runs the consumer with <paramref name="args"/>; its output lines. Fails the test when it exits non-zero.</summary>
    private static IReadOnlyList<string> Consume(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ConsumerPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"plain ML.NET consumer failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToList();
    }
}
