using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Featurizers;
using MlNetTransfer.FineTuning;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Train, as named stages: load + screen (<see cref="DataStage"/>; the task, classification or regression, given or
/// inferred from the label column) -> fit the featurizer and materialise train and test features once
/// (<see cref="FeatureRun"/>; backbones frozen, batched, cached) -> optional feature-space step (PCA, adaptation) fitted on
/// the in-memory training features -> fit the head on them (<see cref="ClassificationHead"/> or
/// <see cref="RegressionHead"/>) -> score the test features -> save featurizer + feature-space step + head as one ML.NET
/// zip -> write metrics (<see cref="ClassificationMetrics"/> or <see cref="RegressionMetrics"/>).
/// </summary>
public static class TrainWorkflow
{
    /// <summary>
    /// Trains and saves a model as <paramref name="options"/> say; returns the test metrics and predictions. A
    /// <see cref="UserInputException"/> (listing every problem of the options at once, or naming the file, row or column)
    /// for bad options or data; <see cref="OperationCanceledException"/> when cancelled (nothing half-written is left).
    /// </summary>
    public static TrainResult Run(TrainOptions options, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = new StageClock(progress);
        progress = clock;
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));
        var outPath = AtomicFile.CheckWritable(options.Out, "model");
        if (options.MetricsJson is not null) AtomicFile.CheckWritable(options.MetricsJson, "metrics");
        var reportDir = options.Report is null ? null : ModelReport.Prepare(options.Report);

        var (train, test, skipped, stored, storedTest) = LoadTrainAndTest(options, cancellation);
        var reportPath = DataStage.ReportSkipped(outPath, skipped, progress);
        DataStage.ReportNotes(progress, train, test);
        if (train.TaskNote is not null) progress?.Report(new WorkflowProgress("Task", 1, 1, train.TaskNote));
        var regression = train.Task == LearningTask.Regression;
        if (options.TrainerProblem(train.Task, train.TaskNote ?? train.Task.ToString().ToLowerInvariant()) is { } trainerProblem)
            throw new UserInputException(trainerProblem);
        var labels = train.DistinctLabels;
        if (!regression && ClassificationHead.TooFewLabels(labels) is { } tooFew) throw new UserInputException(tooFew); // before quantizing, fine-tuning or featurizing
        if (!regression) CheckTestLabels(train, test, labels);

        // --quantize int8: the run's backbones are int8 versions calibrated on training images (their scratch folder lives until the model is saved).
        using var quantized = options.Quantize is null ? null : QuantizeStage.Run(options.Quantize, options.Backbones, train, options.Seed, progress, cancellation);
        if (quantized is not null) options = options with { Backbones = quantized.Backbones };
        var ml = new MLContext(options.Seed);
        var compared = options.Search is null || stored is not null ? null : CompareFeaturizers(ml, options, train, regression ? null : labels, progress, cancellation);
        // --unfreeze: the run featurizes with the fine-tuned backbone (its scratch folder lives until the model is saved).
        using var fineTuned = options.Unfreeze == UnfreezeDepth.None ? null : FineTuneStage.Run(options, train, progress, cancellation);
        var featurizers = fineTuned is null ? options.FeatureRun : options.FeatureRun with { Backbones = [fineTuned.ManifestPath] };
        using var run = FeatureRun.Start(ml, train, compared?.Featurizers ?? stored?.Featurizers(options.FeatureRun) ?? featurizers, progress, cancellation);
        stored?.CheckMadeBy(run.Featurizer, train);
        storedTest?.CheckMadeBy(run.Featurizer, train);
        var trainFeatures = stored?.FeaturesOf(train) ?? run.Materialize(train, "Featurizing training data");
        var testFeatures = storedTest?.FeaturesOf(test) ?? run.Materialize(test, "Featurizing test data");
        run.ReleaseEngines(); // the backbones have run: their sessions go before the zip's own ONNX steps are built
        var trainView = regression ? run.RegressionView(trainFeatures, train.Targets!) : run.View(trainFeatures, train.Labels!);
        var testView = regression ? run.RegressionView(testFeatures, test.Targets!) : run.View(testFeatures, test.Labels!);

        var fittedSpace = FitFeatureSpace(ml, options.FeatureSpace, trainView, progress);
        var featureSpace = fittedSpace?.Transformer;
        if (featureSpace is not null)
        {
            trainView = featureSpace.Transform(trainView);
            testView = featureSpace.Transform(testView);
        }

        var search = options.Search is null ? null : compared?.Search ?? SearchHead(options, trainView, regression ? null : labels, run.Featurizer.StandardizeInHead, progress, cancellation);
        ITransformer head;
        IModelMetrics metrics;
        IReadOnlyList<Prediction> predictions;
        IReadOnlyList<RegressionPrediction> values = [];
        if (regression)
        {
            head = FitRegressionHead(ml, options.Seed, search?.Winner.Regressor ?? options.RegressionTrainer, trainView, run.Featurizer.StandardizeInHead, progress);
            cancellation.ThrowIfCancellationRequested();
            values = RegressionScores.Read(head.Transform(testView), test.Ids, "Scoring test data", progress, cancellation);
            metrics = RegressionMetrics.Compute(test.Targets!, values);
            predictions = values.Select(v => new Prediction(v.Id, RegressionScores.Format(v.Value), [])).ToList();
        }
        else
        {
            head = FitHead(ml, options.Seed, search?.Winner.Classifier ?? options.Trainer, trainView, labels, run.Featurizer.StandardizeInHead, progress);
            cancellation.ThrowIfCancellationRequested();
            var classified = ScoredView.Read(head.Transform(testView), test.Ids, "Scoring test data", progress, cancellation);
            metrics = ClassificationMetrics.Compute(labels, test.Labels!, classified);
            predictions = classified;
        }
        var metricsJson = LeaderboardJson.Add(FeatureSpaceJson.Add(metrics.ToJson(), fittedSpace?.Report), search); // before the zip is saved: a run that cannot write its metrics writes nothing

        progress?.Report(new WorkflowProgress("Saving model", 0, 1));
        ITransformer[] steps = featureSpace is null ? [run.Featurizer.Transformer, head] : [run.Featurizer.Transformer, featureSpace, head];
        var model = new TransformerChain<ITransformer>(steps);
        model.GetOutputSchema(run.InputSchema); // the head was fitted on in-memory features: check it accepts the featurizer's output
        ModelFile.Save(ml, model, run.InputSchema, TrainingRecord.Of(train), outPath);
        if (options.MetricsJson is not null) AtomicFile.WriteText(options.MetricsJson, metricsJson);
        progress?.Report(new WorkflowProgress("Saving model", 1, 1));
        var report = reportDir is null ? null : ModelReport.Write(reportDir, new ReportContent
        {
            Title = "Training report",
            ModelPath = outPath,
            Sets = [("training", train), ("test", test)],
            Skipped = skipped,
            Metrics = metrics,
            MetricsOn = $"test data, {test.Count} examples",
            Truth = test.Targets ?? [],
            Predicted = values.Select(v => v.Value).ToList(),
            Search = search,
            Stages = clock.Times(),
            MapFeatures = testView.GetColumn<VBuffer<float>>(FeaturePipeline.FeaturesColumn).Select(v => v.DenseValues().ToArray()).ToList(),
            MapLabels = test.Labels ?? test.Targets!.Select(RegressionScores.Format).ToList(),
            Seed = options.Seed,
        }, progress, cancellation);
        return new TrainResult(outPath, metrics, train.Count, test.Count, predictions,
            skipped.Select(s => s.Bad).ToList(), reportPath)
        {
            Featurizing = run.Counters, Quantized = quantized?.Quantized ?? [], TestValues = values, FeatureSpace = fittedSpace?.Report, Search = search, Stages = clock.Times(), ReportPath = report,
        };
    }

    /// <summary>
    /// Stage: the training and test sets (a held-out split when no test data is given: stratified for classes, random for
    /// a regression), screened; or read from features files (<see cref="TrainOptions.Features"/>, a Parquet <c>--test</c>),
    /// whose stored features are returned with them (null for a set to featurize).
    /// </summary>
    /// <summary>
    /// Test labels the training data lacks fail before any featurizing or training (scoring would fail on them at the end,
    /// after the whole run: with <c>--unfreeze</c>, after the fine-tuning).
    /// </summary>
    private static void CheckTestLabels(Dataset train, Dataset test, IReadOnlyList<string> labels)
    {
        if (test.Labels is null) return;
        var known = labels.ToHashSet(StringComparer.Ordinal);
        var unknown = test.Labels.Where(l => !known.Contains(l)).GroupBy(l => l, StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        throw new UserInputException($"The test data '{test.Source}' has label{(unknown.Count == 1 ? "" : "s")} " +
            $"{string.Join(", ", unknown.Select(g => $"'{g.Key}' ({g.Count()} example{(g.Count() == 1 ? "" : "s")})"))}, which the training data " +
            $"'{train.Source}' lacks (it has: {string.Join(", ", labels)}): a model cannot be scored on classes it never saw; nothing was trained.");
    }

    private static (Dataset Train, Dataset Test, List<(Dataset Data, BadInput Bad)> Skipped, StoredFeatures? Stored, StoredFeatures? StoredTest) LoadTrainAndTest(
        TrainOptions options, CancellationToken cancellation)
    {
        var skipped = new List<(Dataset Data, BadInput Bad)>();
        var stored = (options.Features ?? []).Count == 0 ? null : FeatureFiles.Read(options.Features!, options.Task, isTraining: true);
        var all = stored?.Dataset ?? DataStage.LoadScreened(options.Data, DataStage.Columns(options), skipped, cancellation);
        if (options.Test is null)
        {
            var (train, test) = all.Split(options.TestFraction, options.Seed);
            return (train, test, skipped, stored, stored);
        }
        if (FeatureFiles.IsFeatures(options.Test))
        {
            var storedTest = FeatureFiles.Read([options.Test], all.Task, isTraining: false);
            return (all, storedTest.Dataset, skipped, stored, storedTest);
        }
        var heldOut = DataStage.LoadScreened(options.Test, DataStage.SameColumns(all, options.Label, options.Separator) with { OnBadInput = options.OnBadInput, MaxImagePixels = options.MaxImagePixels }, skipped, cancellation);
        return (all, heldOut, skipped, stored, null);
    }

    /// <summary>
    /// Stage: the optional feature-space step, fitted on the in-memory training features (its report, when it has one,
    /// is the stage's last progress message); null when none is asked for. Featurize runs it too.
    /// </summary>
    internal static FittedFeatureSpace? FitFeatureSpace(MLContext ml, IFeatureSpaceTransform? step, IDataView trainView, IProgress<WorkflowProgress>? progress)
    {
        if (step is null) return null;
        var stage = $"Fitting {step.Name}";
        progress?.Report(new WorkflowProgress(stage, 0, 1));
        var fitted = step.FitWithReport(ml, trainView, FeaturePipeline.FeaturesColumn);
        CheckFeatureSpace(step, fitted.Transformer, trainView.Schema);
        progress?.Report(new WorkflowProgress(stage, 1, 1, fitted.Report?.Summary));
        return fitted;
    }

    /// <summary>
    /// A feature-space step's contract, on the schema a saved model gives it (no label): it must not read the label, and
    /// must write <c>Features</c> (in place) as a known-size vector of floats.
    /// </summary>
    private static void CheckFeatureSpace(IFeatureSpaceTransform step, ITransformer fitted, DataViewSchema trainingSchema)
    {
        var input = SchemaColumns.Without(trainingSchema, Dataset.LabelColumn);
        DataViewSchema output;
        try
        {
            output = fitted.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"Feature-space step '{step.Name}' reads the label column '{Dataset.LabelColumn}' " +
                $"(a saved model has no label): {e.Message.Split('\n')[0]}", e);
        }
        var features = output.GetColumnOrNull(FeaturePipeline.FeaturesColumn);
        if (features is not { Type: VectorDataViewType { Size: > 0 } type } || type.ItemType != NumberDataViewType.Single)
            throw new InvalidOperationException($"Feature-space step '{step.Name}' must write '{FeaturePipeline.FeaturesColumn}' as a known-size vector of floats (got {features?.Type.ToString() ?? "no such column"}).");
        if (features.Value.Index == input[FeaturePipeline.FeaturesColumn].Index)
            throw new InvalidOperationException($"Feature-space step '{step.Name}' does not write '{FeaturePipeline.FeaturesColumn}': it must transform the features in place.");
    }

    /// <summary>
    /// The featurizer alternatives of <c>--trainer auto</c>: with several <c>--backbone</c> values for data with image
    /// columns, or several <c>--text-featurizer</c> values for data with text columns, each value alone and all of them
    /// together (what the run does without a search); none otherwise.
    /// </summary>
    internal static IReadOnlyList<(string Name, FeatureRunOptions Run)> FeaturizerVariants(TrainOptions options, Dataset train)
    {
        var roles = train.Columns.Select(c => c.Role).ToHashSet();
        var all = options.FeatureRun;
        var variants = new List<(string Name, FeatureRunOptions Run)>();
        if (roles.Contains(ColumnRole.Image) && options.Backbones.Count > 1)
            variants.AddRange(options.Backbones.Select(b => ($"backbone {b}", all with { Backbones = [b] })));
        if (roles.Contains(ColumnRole.Text) && options.TextFeaturizers.Count > 1)
            variants.AddRange(options.TextFeaturizers.Select(t => ($"text {t}", all with { TextFeaturizers = [t] })));
        if (variants.Count > 0) variants.Add(("all featurizers", all));
        return variants;
    }

    /// <summary>
    /// Stage: <c>--trainer auto</c> with featurizer alternatives (<see cref="FeaturizerVariants"/>): each featurizes the
    /// training data (its time not counted in the budget) and gets an equal share of the search time left; the
    /// candidates of all of them are ranked together, each named with its featurizer. Null when there are no alternatives.
    /// </summary>
    private static (FeatureRunOptions Featurizers, HeadSearchResult Search)? CompareFeaturizers(MLContext ml, TrainOptions options, Dataset train,
        IReadOnlyList<string>? labels, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var variants = FeaturizerVariants(options, train);
        if (variants.Count == 0) return null;
        var search = options.Search!;
        var entries = new List<LeaderboardEntry>();
        var winners = new Dictionary<HeadCandidate, FeatureRunOptions>();
        var searchSeconds = 0.0;
        var folds = 0;
        SearchMetric? metric = null;
        for (var v = 0; v < variants.Count; v++)
        {
            var (name, featurizers) = variants[v];
            var share = (search.TimeBudget.TotalSeconds - searchSeconds) / (variants.Count - v);
            using var run = FeatureRun.Start(ml, train, featurizers, progress, cancellation);
            var features = run.Materialize(train, $"Featurizing training data ({name})");
            var view = labels is null ? run.RegressionView(features, train.Targets!) : run.View(features, train.Labels!);
            if (FitFeatureSpace(ml, options.FeatureSpace, view, progress) is { } space) view = space.Transformer.Transform(view);
            try
            {
                var result = HeadSearch.Run(view, labels, search with { TimeBudget = TimeSpan.FromSeconds(Math.Max(share, 0.01)) },
                    standardize: run.Featurizer.StandardizeInHead, seed: options.Seed, progress: progress, cancellation: cancellation);
                searchSeconds += result.Seconds;
                (metric, folds) = (result.Metric, result.Folds);
                foreach (var entry in result.Leaderboard)
                {
                    var named = entry with { Candidate = entry.Candidate with { Settings = entry.Candidate.Settings.Length == 0 ? name : $"{name}; {entry.Candidate.Settings}" } };
                    entries.Add(named);
                    winners[named.Candidate] = featurizers;
                }
            }
            catch (UserInputException e) when (e.Message.StartsWith("No head finished", StringComparison.Ordinal))
            {
                progress?.Report(new WorkflowProgress("Head search", 0, 0, $"{name}: {e.Message}"));
            }
        }
        if (metric is null)
            throw new UserInputException($"No featurizer had a head finish its cross-validation within the time budget of {search.TimeBudget.TotalSeconds:0.#} s: give a larger --time-budget, or name a --trainer.");
        var ranked = HeadSearch.Rank(entries, metric.Value);
        var merged = new HeadSearchResult(metric.Value, folds, ranked, searchSeconds, search.TimeBudget);
        ReportSearch(progress, merged, $" over {variants.Count} featurizer choices");
        return (winners[merged.Winner], merged);
    }

    /// <summary>
    /// Stage: <c>--trainer auto</c>, the head chosen by cross-validation on the in-memory training features (one progress
    /// stage per candidate; the search's result is the last one's detail).
    /// </summary>
    private static HeadSearchResult SearchHead(TrainOptions options, IDataView trainView, IReadOnlyList<string>? labels, bool standardize,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var result = HeadSearch.Run(trainView, labels, options.Search!, standardize: standardize, seed: options.Seed, progress: progress, cancellation: cancellation);
        ReportSearch(progress, result, "");
        return result;
    }

    /// <summary>The search stage's last line: the winner, its score, and how many candidates in how much of the budget.</summary>
    private static void ReportSearch(IProgress<WorkflowProgress>? progress, HeadSearchResult result, string scope) =>
        progress?.Report(new WorkflowProgress("Head search", 1, 1,
            $"best: {result.Winner.DisplayName}, {HeadSearch.Describe(result.Leaderboard[0], result.Metric)}; {result.Leaderboard.Count} candidates{scope} in {result.Seconds:0.0} s of {result.Budget.TotalSeconds:0.#} s"));

    /// <summary>Stage: the head, fitted on the in-memory (and possibly transformed) training features.</summary>
    private static ITransformer FitHead(MLContext ml, int seed, IHeadTrainer trainer, IDataView trainView, IReadOnlyList<string> labels, bool standardize,
        IProgress<WorkflowProgress>? progress)
    {
        // Sparse bag-of-words / tf-idf parts are already L2-normalised per row; standardising each slot would blow up
        // rare terms (and densify the vectors), so the providers of such parts turn the heads' standardisation off.
        return HeadStage($"Training {trainer.Name} head", progress, epochs => ClassificationHead.Fit(ml, trainView, trainer,
            new HeadTrainingContext(labels)
            {
                FeatureColumn = FeaturePipeline.FeaturesColumn,
                LabelColumn = Dataset.LabelColumn,
                Standardize = standardize,
                Seed = seed,
                Progress = epochs,
            }));
    }

    /// <summary>Runs <paramref name="fit"/> as the named stage: reported at its start and end, the MLP's epochs in between.</summary>
    private static ITransformer HeadStage(string stage, IProgress<WorkflowProgress>? progress, Func<IProgress<MlpEpoch>?, ITransformer> fit)
    {
        progress?.Report(new WorkflowProgress(stage, 0, 0));
        var epochs = progress is null ? null : new SynchronousProgress<MlpEpoch>(e => progress.Report(new WorkflowProgress(stage, e.Epoch, e.MaxEpochs, e.ToString())));
        var head = fit(epochs);
        progress?.Report(new WorkflowProgress(stage, 1, 1));
        return head;
    }

    /// <summary>Stage: the regression head, fitted on the in-memory (and possibly transformed) training features and their numbers.</summary>
    private static ITransformer FitRegressionHead(MLContext ml, int seed, IRegressionHeadTrainer trainer, IDataView trainView, bool standardize, IProgress<WorkflowProgress>? progress)
    {
        return HeadStage($"Training {trainer.Name} regression head", progress, epochs => RegressionHead.Fit(ml, trainView,
            trainer, new RegressionHeadContext
            {
                FeatureColumn = FeaturePipeline.FeaturesColumn,
                LabelColumn = Dataset.LabelColumn,
                Standardize = standardize,
                Seed = seed,
                Progress = epochs,
            }));
    }
}
