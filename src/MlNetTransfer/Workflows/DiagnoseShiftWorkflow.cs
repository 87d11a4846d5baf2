using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Plots;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Diagnose shift = featurize a source and a target data set with the featurizer fitted on the source (backbones frozen,
/// cached, as <c>featurize</c>), then measure how far apart the two are (<see cref="ShiftDiagnostics"/>: a
/// cross-validated domain classifier's AUC and proxy A-distance, MMD with a permutation p-value, the most drifted
/// features by name) and say it in words; optionally draw both domains in 2-D coloured by domain.
/// </summary>
public static class DiagnoseShiftWorkflow
{
    /// <summary>
    /// Runs the diagnosis; the picture and JSON are written atomically after every measurement succeeded.
    /// </summary>
    /// <exception cref="UserInputException">Bad options (each named), data that cannot be loaded, columns that differ between the domains.</exception>
    public static DiagnoseShiftResult Run(DiagnoseShiftOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        var picture = options.Out is null ? null : AtomicFile.CheckWritable(options.Out, "plot");
        if (options.MetricsJson is not null) AtomicFile.CheckWritable(options.MetricsJson, "metrics");
        var features = options.Features;

        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var source = DataStage.LoadScreened(features.Data, DataStage.Columns(features), skipped, cancellation);
        var target = DomainStage.LoadLike(source, options.Target, features, requireLabels: false, skipped, cancellation);
        if ((picture ?? options.MetricsJson) is { } output) DataStage.ReportSkipped(output, skipped, progress);
        else if (skipped.Count > 0) progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{skipped.Count} unreadable examples left out (pass --out or --metrics-json for a list)"));
        DomainStage.RequireRows(source, 5, "--source");
        DomainStage.RequireRows(target, 5, "--target");
        DataStage.ReportNotes(progress, [source, target]);

        using var run = FeatureRun.Start(new MLContext(options.Seed), source, features.FeatureRun, progress, cancellation);
        var sourceRows = DomainStage.DenseRows(run, source, "Featurizing the source");
        var targetRows = DomainStage.DenseRows(run, target, "Featurizing the target");
        var names = DomainStage.SlotNames(run);

        progress?.Report(new WorkflowProgress("Measuring the shift", 0, 1));
        var report = ShiftDiagnostics.Measure(sourceRows, targetRows, new ShiftDiagnosticsOptions { Seed = options.Seed, FeatureNames = names });
        progress?.Report(new WorkflowProgress("Measuring the shift", 1, 1));
        var drifted = report.MostDrifted.Select(d => names[d.Index]).ToList();
        var result = new DiagnoseShiftResult(report, drifted, source.Count, target.Count, DomainStage.Describe(run), picture);

        byte[]? png = null;
        if (picture is not null)
        {
            var rows = sourceRows.Concat(targetRows).ToList();
            // scikit-learn's perplexity 30, lowered for small sets to a third of the rows (it must stay below their number).
            var perplexity = Math.Min(30, Math.Max(1, (rows.Count - 1) / 3.0));
            var coordinates = PlotWorkflow.Map(rows, options.Method, new FeatureSpace.TsneOptions { Seed = options.Seed, Perplexity = perplexity }, progress, cancellation);
            var domains = Enumerable.Repeat("source", sourceRows.Count).Concat(Enumerable.Repeat("target", targetRows.Count)).ToList();
            var (name, axis) = options.Method == MapMethod.Tsne ? ("t-SNE", "t-SNE") : ("PCA", "PC");
            var title = string.Create(CultureInfo.InvariantCulture,
                $"{name} of {result.Features} features: source vs target (domain-classifier AUC {report.DomainClassifierAuc:F2})");
            png = ChartFile.Render(EmbeddingMapChart.Create(domains, coordinates, title, axis));
        }
        if (options.MetricsJson is not null) AtomicFile.WriteText(options.MetricsJson, ToJson(result));
        if (picture is not null) AtomicFile.WriteBytes(picture, png!);
        return result;
    }

    /// <summary>The measurements as a JSON object (camelCase): AUC, proxy A-distance, MMD and its p-value, the drifted features, the verdict.</summary>
    public static string ToJson(DiagnoseShiftResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        var root = new JsonObject
        {
            ["sourceRows"] = result.SourceRows,
            ["targetRows"] = result.TargetRows,
            ["features"] = result.Features,
            ["domainClassifierAuc"] = report.DomainClassifierAuc,
            ["proxyADistance"] = report.ProxyADistance,
            ["mmdSquared"] = report.MmdSquared,
            ["mmdBandwidth"] = report.MmdBandwidth,
            ["permutations"] = report.Permutations,
            ["mmdPValue"] = report.MmdPValue,
            ["verdict"] = report.Verdict.ToString().ToLowerInvariant(),
            ["explanation"] = report.Explanation,
            ["driftedFeatures"] = new JsonArray(report.MostDrifted.Select((d, i) => (JsonNode)new JsonObject
            {
                ["name"] = result.DriftedFeatures[i],
                ["index"] = d.Index,
                ["standardizedMeanDifference"] = d.StandardizedMeanDifference,
                ["kolmogorovSmirnov"] = d.KolmogorovSmirnov,
                ["sourceMean"] = d.SourceMean,
                ["targetMean"] = d.TargetMean,
            }).ToArray()),
        };
        return root.ToJsonString(JsonDefaults.Options);
    }
}
