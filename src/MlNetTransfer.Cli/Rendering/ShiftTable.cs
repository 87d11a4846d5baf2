using System.Globalization;
using MlNetTransfer.Workflows;
using Spectre.Console;

namespace MlNetTransfer.Cli.Rendering;

/// <summary>
/// A shift diagnosis as plain lines a user (or grep) reads: <c>domain-classifier AUC: 0.97</c> with the proxy A-distance,
/// MMD and its permutation p-value, the most drifted features, and the verdict in words.
/// </summary>
public static class ShiftTable
{
    /// <summary>Writes <paramref name="result"/>'s measurements and verdict.</summary>
    public static void Write(IAnsiConsole console, DiagnoseShiftResult result)
    {
        var r = result.Report;
        string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        console.MarkupLineInterpolated($"Shift between source ({result.SourceRows} rows) and target ({result.TargetRows} rows), {result.Features} features:");
        console.MarkupLineInterpolated($"domain-classifier AUC: {F(r.DomainClassifierAuc, "F2")} (cross-validated; proxy A-distance {F(r.ProxyADistance, "F2")})");
        console.MarkupLineInterpolated($"MMD²: {F(r.MmdSquared, "G4")} (RBF kernel, median-heuristic bandwidth {F(r.MmdBandwidth, "G4")}; permutation p-value {F(r.MmdPValue, "F3")} over {r.Permutations} permutations)");
        if (result.DriftedFeatures.Count > 0)
            console.MarkupLineInterpolated($"most drifted features: {string.Join(", ", result.DriftedFeatures.Select((name, i) => $"{name} ({F(r.MostDrifted[i].StandardizedMeanDifference, "F2")} sd)"))}");
        console.MarkupLineInterpolated($"verdict: {r.Explanation}");
    }
}
