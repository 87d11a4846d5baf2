using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Adapt = load a labeled source and a target (labels optional, never fitted on), fit the featurizer on the source and
/// materialise every set once (backbones frozen, batched, cached), fit the domain-adaptation method (or, with
/// <c>--method auto</c>, every candidate, keeping the one with the highest information-maximisation score on the target:
/// Shi &amp; Sha 2012; Liang et al. 2020, SHOT), save featurizer + adaptation steps + head as one ML.NET zip that predicts on
/// target-domain inputs, and evaluate that zip on the target test data.
/// </summary>
public static class AdaptWorkflow
{
    /// <summary>The fewest target rows an adaptation learns from (the shift measures of input alignment need 5 a domain).</summary>
    public const int MinimumTargetRows = 5;

    /// <summary>
    /// Runs the adaptation. The zip is written atomically after every candidate was fitted; the metrics JSON after the
    /// target test was scored with the saved zip.
    /// </summary>
    /// <exception cref="UserInputException">Bad options (each named), data that cannot be loaded, a regression source, a labeled target class the source lacks, a method that cannot use the data.</exception>
    public static AdaptResult Run(AdaptOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        var outPath = AtomicFile.CheckWritable(options.Out, "model");
        if (options.MetricsJson is not null) AtomicFile.CheckWritable(options.MetricsJson, "metrics");
        var features = options.Features;

        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var source = DataStage.LoadScreened(features.Data, DataStage.Columns(features) with
        {
            RequireLabels = true, IsTrainingData = true, Task = LearningTask.Classification,
        }, skipped, cancellation);
        var target = DomainStage.LoadLike(source, options.Target, features, requireLabels: false, skipped, cancellation);
        var labeled = options.TargetLabeled is null ? null : DomainStage.LoadLike(source, options.TargetLabeled, features, requireLabels: true, skipped, cancellation);
        var test = options.TargetTest is null ? null : DomainStage.LoadLike(source, options.TargetTest, features, requireLabels: true, skipped, cancellation);
        DomainStage.RequireRows(target, MinimumTargetRows, "--target");
        DataStage.ReportSkipped(outPath, skipped, progress);
        DataStage.ReportNotes(progress, [source, target, .. labeled is null ? [] : new[] { labeled }]);
        var labels = source.DistinctLabels;
        if (target.Labels?.Where(l => !labels.Contains(l)).ToList() is { Count: > 0 } foreign)
            progress?.Report(new WorkflowProgress("Data", 1, 1, $"{foreign.Count} target rows have labels the source lacks ({string.Join(", ", foreign.Distinct().Take(5))}): no model trained on the source can predict them, and the target accuracy reported counts them as wrong."));
        if (labels.Count < 2) throw new UserInputException($"The source '{features.Data}' has {labels.Count} label: adaptation needs at least two classes.");
        foreach (var (set, path) in new[] { (labeled, options.TargetLabeled), (test, options.TargetTest) })
            if (set?.Labels?.FirstOrDefault(l => !labels.Contains(l)) is { } unknown)
                throw new UserInputException($"'{path}' has label '{unknown}', which the source '{features.Data}' does not have (its labels: {string.Join(", ", labels)}).");

        var ml = new MLContext(options.Seed);
        using var run = FeatureRun.Start(ml, source, features.FeatureRun, progress, cancellation);
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var targetRows = DomainStage.DenseRows(run, target, "Featurizing the target");
        var (sourceRows, inputAlignments, inputAlignment) = AlignInputs(run, source, target, targetRows, options, progress, cancellation);
        var data = new AdaptationData(labels,
            sourceRows, source.Labels!.Select(l => index[l]).ToList(),
            targetRows,
            labeled is null ? null : DomainStage.DenseRows(run, labeled, "Featurizing the labeled target"),
            labeled?.Labels!.Select(l => index[l]).ToList(),
            DomainStage.PartSlots(run));
        var context = new AdaptationContext(options.Trainer)
        {
            Standardize = run.Featurizer.StandardizeInHead, Seed = options.Seed, Progress = progress, Cancellation = cancellation,
        };

        var auto = options.Method == AdaptationMethods.Auto;
        var names = auto ? AdaptationMethods.AutoCandidates(labeled is not null) : [options.Method];
        var candidates = new List<AdaptCandidate>();
        var fitted = new Dictionary<string, AdaptedHead>();
        foreach (var name in names)
        {
            cancellation.ThrowIfCancellationRequested();
            var stage = $"Adapting: {name}";
            progress?.Report(new WorkflowProgress(stage, 0, 1));
            var clock = Stopwatch.StartNew();
            try
            {
                var adapted = AdaptationMethods.Create(name).Fit(ml, data, context);
                if (adapted.TargetProbabilities.FirstOrDefault(p => p.Any(v => !float.IsFinite(v))) is not null)
                    throw new UserInputException($"{name} gave target probabilities that are not numbers (its training diverged on these features).");
                var im = InformationMaximization.Score(adapted.TargetProbabilities);
                var accuracy = target.Labels is null ? (double?)null : Accuracy(adapted.TargetProbabilities, target.Labels, index);
                candidates.Add(new AdaptCandidate(name, im, accuracy, clock.Elapsed.TotalSeconds, adapted.Summary));
                fitted[name] = adapted;
                progress?.Report(new WorkflowProgress(stage, 1, 1, Scores(candidates[^1])));
            }
            catch (UserInputException e) when (auto)
            {
                candidates.Add(new AdaptCandidate(name, null, null, clock.Elapsed.TotalSeconds, e.Message, Failed: true));
                progress?.Report(new WorkflowProgress(stage, 1, 1, $"not used ({e.Message})"));
            }
        }
        var winner = candidates.Where(c => !c.Failed).OrderByDescending(c => c.InformationMaximization).FirstOrDefault()
            ?? throw new UserInputException("No adaptation method could be fitted on this data: " + string.Join("; ", candidates.Select(c => $"{c.Method}: {c.Summary}")));
        if (auto)
            progress?.Report(new WorkflowProgress("Choosing", 1, 1, string.Create(CultureInfo.InvariantCulture,
                $"chose {winner.Method}: the highest information-maximisation score on the target ({winner.InformationMaximization:F4}) of {candidates.Count(c => !c.Failed)} methods")));

        progress?.Report(new WorkflowProgress("Saving model", 0, 1));
        var model = new TransformerChain<ITransformer>(run.Featurizer.Transformer, fitted[winner.Method].Transformer);
        model.GetOutputSchema(run.InputSchema); // the head was fitted on in-memory features: check it accepts the featurizer's output
        // The target test is scored with the saved zip before it takes its place: a failed or cancelled evaluation leaves
        // neither the model nor the metrics behind.
        var saved = Path.Combine(Path.GetDirectoryName(outPath)!, $".{Path.GetFileName(outPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.zip");
        try
        {
            ModelFile.Save(ml, model, run.InputSchema, TrainingRecord.Of(source), saved);
            foreach (var (name, other) in fitted)
                if (name != winner.Method) (other.Transformer as IDisposable)?.Dispose();
            progress?.Report(new WorkflowProgress("Saving model", 1, 1));

            var testMetrics = test is null ? null
                : EvaluateWorkflow.Run(saved, options.TargetTest!, features.Label, null, progress, cancellation, features.OnBadInput, features.MaxImagePixels);
            var result = new AdaptResult(outPath, winner.Method, candidates, data.Source.Count, data.Target.Count, data.TargetLabeled.Count, testMetrics,
                skipped.Select(s => s.Bad).ToList(), inputAlignments, inputAlignment);
            var metricsJson = ToJson(result, auto, fitted[winner.Method]);
            cancellation.ThrowIfCancellationRequested();
            File.Move(saved, outPath, overwrite: true);
            if (options.MetricsJson is not null) AtomicFile.WriteText(options.MetricsJson, metricsJson);
            return result;
        }
        finally
        {
            if (File.Exists(saved)) File.Delete(saved);
        }
    }

    /// <summary>
    /// Stage: the source features, after the input-space alignment of its images that a domain classifier separates
    /// least from the target (|AUC − 0.5| to two decimals, then MMD²), or the one <see cref="AdaptOptions.InputAlignment"/> names;
    /// each tried alignment's AUC.
    /// Data without image columns: the source features as they are.
    /// </summary>
    private static (List<float[]> Rows, IReadOnlyList<(InputAlignment, double)> Tried, InputAlignment Kept) AlignInputs(FeatureRun run, Dataset source,
        Dataset target, List<float[]> targetRows, AdaptOptions options, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var plain = DomainStage.DenseRows(run, source, "Featurizing the source");
        if (!source.Columns.Any(c => c.Role == ColumnRole.Image) || options.InputAlignment == InputAlignment.None) return (plain, [], InputAlignment.None);
        var size = ContentAlignedImages.NativeSize(target);
        var kinds = options.InputAlignment is { } given ? [given] : new[] { InputAlignment.None, InputAlignment.CropPad, InputAlignment.CropPadResample };
        var tried = new List<(InputAlignment, double)>();
        List<float[]>? best = null;
        var kept = InputAlignment.None;
        var bestScore = (Auc: double.PositiveInfinity, Mmd: double.PositiveInfinity);
        using var aligned = new ContentAlignedImages();
        foreach (var kind in kinds)
        {
            if (kind == InputAlignment.CropPadResample && size is null) continue;
            var name = Name(kind);
            var rows = kind == InputAlignment.None ? plain
                : DomainStage.DenseRows(run, aligned.Apply(source, kind, size, cancellation), $"Featurizing the source ({name})");
            var shift = ShiftDiagnostics.Measure(rows, targetRows, new ShiftDiagnosticsOptions { Permutations = 1, TopDimensions = 0, Seed = options.Seed }, cancellation);
            tried.Add((kind, shift.DomainClassifierAuc));
            progress?.Report(new WorkflowProgress("Input alignment", tried.Count, kinds.Length, string.Create(CultureInfo.InvariantCulture,
                $"{name}{(kind == InputAlignment.CropPadResample ? $" to {size!.Value.Width}x{size.Value.Height}" : "")}: domain-classifier AUC {shift.DomainClassifierAuc:F3}, MMD² {shift.MmdSquared:G4}")));
            // A classifier on hundreds of embedding dimensions often separates every candidate perfectly (AUC 1.00):
            // AUCs equal to two decimals are then told apart by MMD², the distance between the two distributions.
            // An AUC below 0.5 is noise around "indistinguishable", not better than 0.5: the distance from 0.5 is compared.
            var score = (Math.Round(Math.Abs(shift.DomainClassifierAuc - 0.5), 2), shift.MmdSquared);
            if (score.CompareTo(bestScore) < 0) (best, kept, bestScore) = (rows, kind, score);
        }
        if (kinds.Length > 1)
        {
            var tie = tried.Count(t => Math.Round(Math.Abs(t.Item2 - 0.5), 2) == bestScore.Auc) > 1;
            progress?.Report(new WorkflowProgress("Input alignment", kinds.Length, kinds.Length,
                $"kept {Name(kept)}: the source images a domain classifier tells from the target's least{(tie ? " (equal AUCs to two decimals: the smallest MMD²)" : "")}"));
        }
        return (best ?? plain, tried, kept);
    }

    /// <summary>An input alignment as the CLI spells it: <c>none</c>, <c>crop-pad</c>, <c>crop-pad-resample</c>.</summary>
    public static string Name(InputAlignment alignment) => alignment switch
    {
        InputAlignment.CropPad => "crop-pad",
        InputAlignment.CropPadResample => "crop-pad-resample",
        _ => "none",
    };

    /// <summary>A candidate's line: its name, IM score, target accuracy when the target has labels, and time.</summary>
    public static string Describe(AdaptCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return $"{candidate.Method}: {Scores(candidate)}";
    }

    /// <summary>A candidate's scores: IM, target accuracy when the target has labels, time; or why it was not used.</summary>
    private static string Scores(AdaptCandidate candidate)
    {
        if (candidate.Failed) return $"not used ({candidate.Summary})";
        var accuracy = candidate.TargetAccuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $", target accuracy {a:F4} (labels not used)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"IM {candidate.InformationMaximization:F4}{accuracy}, {candidate.Seconds:F1} s");
    }

    /// <summary>The share of <paramref name="truth"/> whose most probable label (ties: the first) is right.</summary>
    private static double Accuracy(IReadOnlyList<float[]> probabilities, IReadOnlyList<string> truth, IReadOnlyDictionary<string, int> index)
    {
        var right = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var p = probabilities[i];
            var best = 0;
            for (var c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            if (index.TryGetValue(truth[i], out var t) && t == best) right++;
        }
        return (double)right / truth.Count;
    }

    /// <summary>The metrics JSON: the target test's metrics (as <c>train</c> writes them; none without a target test) and an <c>adaptation</c> object.</summary>
    private static string ToJson(AdaptResult result, bool auto, AdaptedHead chosen)
    {
        var root = result.TargetTest is null ? new JsonObject() : JsonNode.Parse(result.TargetTest.ToJson())!.AsObject();
        var values = new JsonObject();
        foreach (var (name, value) in chosen.Values) values[name] = value;
        root["adaptation"] = new JsonObject
        {
            ["method"] = result.Method,
            ["chosenBy"] = auto ? "informationMaximization" : "given",
            ["sourceRows"] = result.SourceRows,
            ["targetRows"] = result.TargetRows,
            ["targetLabeledRows"] = result.TargetLabeledRows,
            ["inputAlignment"] = Name(result.InputAlignment),
            ["inputAlignments"] = new JsonArray(result.InputAlignments.Select(a => (JsonNode)new JsonObject
            {
                ["alignment"] = Name(a.Alignment),
                ["domainClassifierAuc"] = a.DomainClassifierAuc,
            }).ToArray()),
            ["summary"] = chosen.Summary,
            ["values"] = values,
            ["candidates"] = new JsonArray(result.Candidates.Select(c => (JsonNode)new JsonObject
            {
                ["method"] = c.Method,
                ["informationMaximization"] = c.InformationMaximization,
                ["targetAccuracy"] = c.TargetAccuracy,
                ["seconds"] = c.Seconds,
                ["failed"] = c.Failed,
                ["summary"] = c.Summary,
            }).ToArray()),
        };
        return root.ToJsonString(JsonDefaults.Options);
    }
}
