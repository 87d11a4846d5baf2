using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// <c>--trainer auto</c>: tries heads on in-memory features with cross-validation, within a time budget, and ranks them.
/// Candidates (<see cref="Candidates"/>) go cheapest and most often best first — the default <c>lr</c> first, so the
/// search never does worse than it by more than noise — then LightGBM, logistic regression over scikit-learn's usual
/// grid of C, the MLP, and FastTree last (one-versus-all, the slowest). Each candidate runs on every fold
/// (<see cref="CrossValidationFolds"/>). A fold may take at most its share of the time left after keeping room for the
/// winner's refit: a candidate whose fold runs longer cannot finish and is cancelled there (ML.NET's
/// <c>MLContext.CancelExecution</c>; the MLP between epochs). Before each later fold the search projects the candidate's
/// remaining folds from its earlier ones and stops it when they would not fit. The winner is the complete candidate
/// with the best mean (ties: the one tried first). Time left after every candidate had its turn goes to repeating the
/// cross-validation of the best <see cref="RepeatedCandidates"/> on freshly seeded folds (up to <see cref="MaxRounds"/>
/// rounds), so their means rest on more folds. Like ML.NET's AutoML and scikit-learn's <c>GridSearchCV</c> over a
/// pipeline whose first steps are fitted once, any feature-space step before the head (PCA) is fitted on all training
/// rows, not per fold.
/// </summary>
public static class HeadSearch
{
    /// <summary>At most this many rounds of cross-validation (the first and its repeats on freshly seeded folds).</summary>
    public const int MaxRounds = 5;

    /// <summary>How many of the best candidates are repeated when time is left.</summary>
    public const int RepeatedCandidates = 3;

    /// <summary>The status of a candidate whose every fold ran.</summary>
    public const string Done = "done";

    /// <summary>The status of a candidate stopped between or during folds to keep the budget.</summary>
    public const string Stopped = "stopped: time budget";

    /// <summary>The status of a candidate never started because the budget was spent.</summary>
    public const string Skipped = "skipped: time budget";

    /// <summary>
    /// The heads tried for a task, in order. <paramref name="standardize"/> is the features' own default (false for sparse
    /// tf-idf rows): logistic regression's default then is already scikit-learn's C = 1, so that grid point is not repeated.
    /// </summary>
    public static IReadOnlyList<HeadCandidate> Candidates(LearningTask task, bool standardize)
    {
        if (task == LearningTask.Regression)
            return [.. RegressionHeadRegistry.Default.Heads.Select(h => new HeadCandidate(h.Name, "", Regressor: h))];
        var candidates = new List<HeadCandidate> { Registered("lr") };
        if (HeadRegistry.Default.Find("lightgbm") is { } lightGbm) candidates.Add(new HeadCandidate(lightGbm.Name, "", lightGbm));
        // scikit-learn's LogisticRegression over C: ML.NET's L2 weighs the penalty against the sum of losses, so L2 = 1/C.
        candidates.Add(Logistic(10f));
        candidates.Add(Logistic(0.1f));
        candidates.Add(Registered("mlp"));
        if (standardize) candidates.Add(Logistic(1f));
        candidates.Add(Logistic(100f));
        candidates.Add(Logistic(0.01f));
        candidates.Add(Registered("fasttree"));
        foreach (var head in HeadRegistry.Default.Heads.Where(h => candidates.All(c => c.Head != h.Name)))
            candidates.Add(new HeadCandidate(head.Name, "", head));
        return candidates;
    }

    private static HeadCandidate Registered(string name) => new(name, "", HeadRegistry.Default.Get(name));

    private static HeadCandidate Logistic(float l2) =>
        new("lr", $"C={1 / l2:G}: L2={l2:G}, L1=0", new LogisticRegressionHead(L1Regularization: 0, L2Regularization: l2));

    /// <summary>
    /// Cross-validates <paramref name="candidates"/> on <paramref name="data"/> (a known-size float vector column
    /// <c>Features</c> and a <c>Label</c> column: text for classes, float for a regression) and ranks them. A
    /// <see cref="UserInputException"/> when the metric does not fit the task, when no candidate completes within the
    /// budget (the message says how long the first fold took), or when every candidate failed.
    /// </summary>
    /// <param name="data">The training rows (in memory: each candidate reads them many times).</param>
    /// <param name="labels">The labels in score order for a classification; null for a regression.</param>
    /// <param name="options">Budget, metric and folds.</param>
    /// <param name="candidates">The heads to try, in order; null: <see cref="Candidates"/>.</param>
    /// <param name="standardize">Whether heads standardise their inputs (false for sparse tf-idf features).</param>
    /// <param name="seed">Seeds the folds and the heads.</param>
    /// <param name="progress">One stage per candidate, its result in the detail as each completes.</param>
    /// <param name="cancellation">Stops the search (an <see cref="OperationCanceledException"/>).</param>
    public static HeadSearchResult Run(IDataView data, IReadOnlyList<string>? labels, HeadSearchOptions options, IReadOnlyList<HeadCandidate>? candidates = null,
        bool standardize = true, int seed = 0, IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default)
    {
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid search options: {string.Join("; ", problems)}.");
        var task = labels is null ? LearningTask.Regression : LearningTask.Classification;
        var metric = options.Optimize ?? SearchMetrics.Default(task);
        if (SearchMetrics.Problem(metric, task, labels?.Count ?? 0) is { } metricProblem) throw new UserInputException(metricProblem + ".");
        candidates ??= Candidates(task, standardize);
        var clock = Stopwatch.StartNew();
        var (textTruth, numberTruth) = ReadLabels(data, labels is null);
        var rows = textTruth?.Count ?? numberTruth!.Count;
        var folds = rows > options.CrossValidationRows ? 1 : options.Folds;
        List<FoldSplit> Splits(int foldSeed)
        {
            var foldOf = CrossValidationFolds.Assign(rows, textTruth, folds, foldSeed);
            return Enumerable.Range(0, folds).Select(f => Split(data, foldOf, f, rows)).Where(s => s.HeldCount > 0).ToList();
        }
        var splits = Splits(seed);
        if (splits.Count == 0) throw new UserInputException($"Cross-validation needs at least two rows of a label to hold one out; the {rows} training rows have none.");
        var budget = options.TimeBudget.TotalSeconds;
        var entries = new List<LeaderboardEntry>();
        double? bestRefitSeconds = null;
        // The winner is refitted on all rows, about folds/(folds-1) of a fold's training rows: keep room for it.
        double Reserve() => bestRefitSeconds ?? 0;

        (List<double> Scores, double Seconds, string Status) RunFolds(HeadCandidate candidate, List<FoldSplit> on, string stage)
        {
            progress?.Report(new WorkflowProgress(stage, 0, on.Count));
            var scores = new List<double>();
            var seconds = 0.0;
            for (var f = 0; f < on.Count; f++)
            {
                if (f > 0 && clock.Elapsed.TotalSeconds + seconds / f * (on.Count - f) + Reserve() > budget) return (scores, seconds, Stopped);
                var foldClock = Stopwatch.StartNew();
                // A fold longer than its share of what is left means the candidate cannot finish: stop it there.
                var deadline = TimeSpan.FromSeconds(Math.Max(0.01, (budget - Reserve() - clock.Elapsed.TotalSeconds) / (on.Count - f)));
                var outcome = RunFold(candidate, on[f], labels, textTruth, numberTruth, metric, standardize, seed, deadline, cancellation);
                seconds += foldClock.Elapsed.TotalSeconds;
                if (outcome.Failure is not null) return (scores, seconds, outcome.Failure);
                scores.Add(outcome.Score);
                progress?.Report(new WorkflowProgress(stage, f + 1, on.Count));
            }
            return (scores, seconds, Done);
        }

        void NoteRefit(LeaderboardEntry entry)
        {
            if (entry.IsComplete && IsBetter(entry, entries.Where(e => e != entry && e.IsComplete), metric))
                bestRefitSeconds = entry.FitSeconds / entry.FoldScores.Count * (splits.Count == 1 ? 1.25 : splits.Count / (splits.Count - 1.0));
        }

        foreach (var candidate in candidates)
        {
            if (clock.Elapsed.TotalSeconds + Reserve() >= budget)
            {
                entries.Add(new LeaderboardEntry(candidate, [], 0, Skipped));
                continue;
            }
            var stage = $"Trying {candidate.DisplayName}";
            var (scores, seconds, status) = RunFolds(candidate, splits, stage);
            var entry = new LeaderboardEntry(candidate, scores, seconds, status);
            entries.Add(entry);
            NoteRefit(entry);
            progress?.Report(new WorkflowProgress(stage, splits.Count, splits.Count, Describe(entry, metric)));
        }

        // Time left: repeat the cross-validation of the best few on freshly seeded folds (scikit-learn's
        // RepeatedStratifiedKFold), so that close candidates are told apart by more than one draw of the folds.
        // Each candidate's own count of cross-validation rounds (its first included), for the log.
        var rounds = new Dictionary<HeadCandidate, int>(ReferenceEqualityComparer.Instance);
        for (var round = 1; round < MaxRounds && folds > 1; round++)
        {
            var top = Rank(entries, metric).Where(e => e.IsComplete).Take(RepeatedCandidates).ToList();
            if (top.Count < 2) break;
            var again = Splits(seed + round);
            var repeated = false;
            foreach (var previous in top)
            {
                if (clock.Elapsed.TotalSeconds + previous.FitSeconds / previous.FoldScores.Count * again.Count + Reserve() > budget) continue;
                var its = rounds.GetValueOrDefault(previous.Candidate, 1) + 1;
                var stage = $"Trying {previous.Candidate.DisplayName} again on fresh folds (its round {its})";
                var (scores, seconds, status) = RunFolds(previous.Candidate, again, stage);
                if (status != Done) continue; // a round cut short leaves the earlier rounds' result
                var entry = previous with { FoldScores = [.. previous.FoldScores, .. scores], FitSeconds = previous.FitSeconds + seconds };
                entries[entries.IndexOf(previous)] = entry;
                rounds[previous.Candidate] = its;
                NoteRefit(entry);
                progress?.Report(new WorkflowProgress(stage, again.Count, again.Count, Describe(entry, metric)));
                repeated = true;
            }
            if (!repeated) break;
        }
        var ranked = Rank(entries, metric);
        if (ranked.Count == 0 || !ranked[0].IsComplete)
        {
            var failures = entries.Where(e => e.Status.StartsWith("failed", StringComparison.Ordinal)).ToList();
            throw new UserInputException(failures.Count == entries.Count
                ? $"Every head failed in cross-validation; the first, {failures[0].Candidate.DisplayName}, with: {failures[0].Status["failed: ".Length..]}"
                : $"No head finished its {splits.Count} cross-validation folds within the time budget of {budget:0.#} s" +
                  (entries.FirstOrDefault(e => e.FitSeconds > 0) is { } tried ? $" ({tried.Candidate.DisplayName} ran {tried.FoldScores.Count} fold(s) in {tried.FitSeconds:0.#} s)" : "") +
                  ": give a larger --time-budget, or name a --trainer.");
        }
        return new HeadSearchResult(metric, splits.Count, ranked, clock.Elapsed.TotalSeconds, options.TimeBudget);
    }

    /// <summary>A leaderboard line: the mean ± sd over the folds, or the status.</summary>
    public static string Describe(LeaderboardEntry entry, SearchMetric metric) => entry.IsComplete
        ? $"{SearchMetrics.Name(metric)} {entry.Mean:0.0000} ± {entry.StandardDeviation:0.0000} over {entry.FoldScores.Count} fold(s), {entry.FitSeconds:0.0} s"
        : entry.FoldScores.Count > 0 ? $"{entry.Status} after {entry.FoldScores.Count} fold(s) ({entry.FitSeconds:0.0} s)" : entry.Status;

    private static bool IsBetter(LeaderboardEntry entry, IEnumerable<LeaderboardEntry> others, SearchMetric metric) =>
        others.All(o => Compare(entry, o, metric) < 0);

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>: a better mean (NaN last).</summary>
    private static int Compare(LeaderboardEntry a, LeaderboardEntry b, SearchMetric metric)
    {
        if (double.IsNaN(a.Mean) || double.IsNaN(b.Mean)) return double.IsNaN(a.Mean).CompareTo(double.IsNaN(b.Mean));
        var order = a.Mean.CompareTo(b.Mean);
        return SearchMetrics.HigherIsBetter(metric) ? -order : order;
    }

    /// <summary>Complete entries best first by <paramref name="metric"/> (ties: the earlier), then the others in their order.</summary>
    internal static List<LeaderboardEntry> Rank(List<LeaderboardEntry> entries, SearchMetric metric)
    {
        var complete = entries.Where(e => e.IsComplete).Select((e, i) => (e, i))
            .OrderBy(p => p.e, Comparer<LeaderboardEntry>.Create((a, b) => Compare(a, b, metric))).ThenBy(p => p.i).Select(p => p.e);
        return [.. complete, .. entries.Where(e => !e.IsComplete)];
    }

    private sealed record FoldSplit(IDataView Train, IDataView Held, IReadOnlyList<int> HeldRows)
    {
        public int HeldCount => HeldRows.Count;
    }

    private sealed record FoldOutcome(double Score, string? Failure);

    private static FoldSplit Split(IDataView data, int[] foldOf, int fold, int rows)
    {
        var held = Enumerable.Range(0, rows).Where(i => foldOf[i] == fold).ToList();
        var heldSet = held.Select(i => (long)i).ToHashSet();
        var kept = Enumerable.Range(0, rows).Where(i => foldOf[i] != fold).Select(i => (long)i).ToHashSet();
        return new FoldSplit(new RowSubsetView(data, heldSet, rows - held.Count), new RowSubsetView(data, kept, held.Count), held);
    }

    private static FoldOutcome RunFold(HeadCandidate candidate, FoldSplit split, IReadOnlyList<string>? labels, IReadOnlyList<string>? textTruth,
        IReadOnlyList<float>? numberTruth, SearchMetric metric, bool standardize, int seed, TimeSpan deadline, CancellationToken cancellation)
    {
        var ml = new MLContext(seed);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(deadline);
        using var stop = timer.Token.Register(() => MlContextCancellation.Request(ml));
        var ids = split.HeldRows.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        try
        {
            IModelMetrics metrics;
            if (labels is not null)
            {
                var head = ClassificationHead.Fit(ml, split.Train, candidate.Classifier!, new HeadTrainingContext(labels)
                {
                    FeatureColumn = FeaturesColumn, LabelColumn = Dataset.LabelColumn, Standardize = standardize, Seed = seed, Cancellation = timer.Token,
                });
                timer.Token.ThrowIfCancellationRequested();
                var predictions = ScoredView.Read(head.Transform(split.Held), ids, "cross-validation", null, timer.Token);
                metrics = ClassificationMetrics.Compute(labels, split.HeldRows.Select(i => textTruth![i]).ToList(), predictions);
            }
            else
            {
                var head = RegressionHead.Fit(ml, split.Train, candidate.Regressor!, new RegressionHeadContext
                {
                    FeatureColumn = FeaturesColumn, LabelColumn = Dataset.LabelColumn, Standardize = standardize, Seed = seed, Cancellation = timer.Token,
                });
                timer.Token.ThrowIfCancellationRequested();
                var values = RegressionScores.Read(head.Transform(split.Held), ids, "cross-validation", null, timer.Token);
                metrics = RegressionMetrics.Compute(split.HeldRows.Select(i => numberTruth![i]).ToList(), values);
            }
            return new FoldOutcome(SearchMetrics.Value(metric, metrics), null);
        }
        catch (Exception e) when (IsCancellation(e) && !cancellation.IsCancellationRequested)
        {
            return new FoldOutcome(double.NaN, Stopped);
        }
        catch (Exception e) when (!IsCancellation(e) && e is not OutOfMemoryException)
        {
            return new FoldOutcome(double.NaN, $"failed: {e.Message.Split('\n')[0]}");
        }
    }

    /// <summary>A cancellation, also as ML.NET's parallel trainers throw it (an <see cref="AggregateException"/> of cancellations).</summary>
    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is OperationCanceledException);

    private const string FeaturesColumn = Featurizers.FeaturePipeline.FeaturesColumn;

    /// <summary>The label column's values, in row order: text for a classification, floats for a regression.</summary>
    private static (IReadOnlyList<string>? Text, IReadOnlyList<float>? Numbers) ReadLabels(IDataView data, bool regression)
    {
        var column = data.Schema[Dataset.LabelColumn];
        if (regression) return (null, data.GetColumn<float>(column).ToList());
        return (data.GetColumn<ReadOnlyMemory<char>>(column).Select(v => v.ToString()).ToList(), null);
    }
}
