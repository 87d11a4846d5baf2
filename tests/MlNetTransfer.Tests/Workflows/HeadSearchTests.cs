using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Common;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary><c>--trainer auto</c>: folds, ranking, the budget, failures, and the train workflow's leaderboard.</summary>
public sealed class HeadSearchTests
{
    private sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private sealed class NumberRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    /// <summary>Three classes, noisy clusters: a head must learn them, and heads differ a little.</summary>
    private static (IDataView View, IReadOnlyList<string> Labels) Clusters(int perClass, int seed = 1)
    {
        var random = new Random(seed);
        string[] labels = ["a", "b", "c"];
        var rows = new List<Row>();
        for (var i = 0; i < perClass; i++)
            for (var c = 0; c < labels.Length; c++)
                rows.Add(new Row { Features = [.. Enumerable.Range(0, 4).Select(d => (d == c ? 2f : 0f) + (float)(random.NextDouble() * 3 - 1.5))], Label = labels[c] });
        return (new MLContext(0).Data.LoadFromEnumerable(rows), labels);
    }

    /// <summary>Spins until its context's cancellation fires (a head slower than any budget).</summary>
    private sealed class EndlessHead : IHeadTrainer
    {
        public string Name => "endless";
        public string Description => "never finishes";
        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
        {
            while (true)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                Thread.Sleep(10);
            }
        }
    }

    private sealed class ThrowingHead : IHeadTrainer
    {
        public string Name => "throwing";
        public string Description => "always fails";
        public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context) => throw new InvalidOperationException("no convergence");
    }

    [Fact]
    public void Folds_AreStratified_Seeded_AndEveryFoldTrainsOnEveryLabel()
    {
        // 11 a, 7 b, 2 c, 1 d: d's single row is never held out; c's two rows go to two different folds.
        var labels = Enumerable.Repeat("a", 11).Concat(Enumerable.Repeat("b", 7)).Concat(["c", "c", "d"]).ToList();
        var folds = CrossValidationFolds.Assign(labels.Count, labels, 5, seed: 3);
        Assert.Equal(folds, CrossValidationFolds.Assign(labels.Count, labels, 5, seed: 3));
        Assert.NotEqual(folds, CrossValidationFolds.Assign(labels.Count, labels, 5, seed: 4));
        Assert.Equal(CrossValidationFolds.Never, folds[^1]);
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToList();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes));
        for (var f = 0; f < 5; f++)
        {
            var trainLabels = labels.Where((_, i) => folds[i] != f).Distinct().Count();
            Assert.Equal(4, trainLabels);
            // Each class spread over the folds: no fold holds out more than ceil(n_class / 5) of a class.
            foreach (var g in labels.Select((l, i) => (l, i)).GroupBy(p => p.l))
                Assert.True(g.Count(p => folds[p.i] == f) <= (g.Count() + 4) / 5);
        }
        var split = CrossValidationFolds.Assign(labels.Count, labels, 1, seed: 0);
        Assert.Equal(3 + 2 + 1, split.Count(f => f == 0)); // ceil(20%) of a (3), b (2), c (1); d never
    }

    [Fact]
    public void Search_RanksCompleteCandidatesByTheMetric_AndReportsFailures()
    {
        var (view, labels) = Clusters(20);
        HeadCandidate[] candidates =
        [
            new("lr", "", new LogisticRegressionHead()),
            new("throwing", "", new ThrowingHead()),
            new("lr", "C=100: L2=0.01, L1=0", new LogisticRegressionHead(0, 0.01f)),
        ];
        var stages = new List<string>();
        var result = HeadSearch.Run(view, labels, new HeadSearchOptions { TimeBudget = TimeSpan.FromMinutes(5), Folds = 4 }, candidates, seed: 2,
            progress: new SynchronousProgress<WorkflowProgress>(p => { if (p.Detail is not null) stages.Add(p.Stage); }));
        Assert.Equal(SearchMetric.Accuracy, result.Metric);
        Assert.Equal(4, result.Folds);
        Assert.Equal(3, result.Leaderboard.Count);
        var complete = result.Leaderboard.Where(e => e.IsComplete).ToList();
        Assert.Equal(2, complete.Count);
        // Time left: both repeated on freshly seeded folds, up to MaxRounds rounds of 4 folds each.
        Assert.All(complete, e => Assert.Equal(4 * HeadSearch.MaxRounds, e.FoldScores.Count));
        Assert.NotEqual(complete[0].FoldScores.Take(4), complete[0].FoldScores.Skip(4).Take(4));
        Assert.True(complete[0].Mean >= complete[1].Mean);
        Assert.True(complete[0].Mean > 0.7, $"best CV accuracy {complete[0].Mean}");
        Assert.Equal(complete[0].Candidate, result.Winner);
        // The log counts each candidate's own rounds (2 to MaxRounds), and the method says the folds were repeated.
        foreach (var entry in complete)
            Assert.Equal(Enumerable.Range(2, HeadSearch.MaxRounds - 1).Select(r => $"Trying {entry.Candidate.DisplayName} again on fresh folds (its round {r})"),
                stages.Where(s => s.StartsWith($"Trying {entry.Candidate.DisplayName} again", StringComparison.Ordinal)));
        Assert.True(result.Repeated);
        Assert.Equal("4-fold cross-validation, repeated on fresh folds with spare time", result.Method);
        Assert.Equal("4-fold CV, repeated on fresh folds with spare time", result.ShortMethod);
        var failed = result.Leaderboard[^1];
        Assert.Equal("throwing", failed.Candidate.Head);
        Assert.Equal("failed: no convergence", failed.Status);
        // Same seed, same folds, same scores.
        var again = HeadSearch.Run(view, labels, new HeadSearchOptions { TimeBudget = TimeSpan.FromMinutes(5), Folds = 4 }, candidates, seed: 2);
        Assert.Equal(result.Leaderboard.Select(e => e.FoldScores), again.Leaderboard.Select(e => e.FoldScores));
    }

    [Fact]
    public void Search_LowerIsBetter_ForLogLoss()
    {
        var (view, labels) = Clusters(15);
        HeadCandidate[] candidates = [new("lr", "C=100", new LogisticRegressionHead(0, 0.01f)), new("lr", "C=0.001", new LogisticRegressionHead(0, 1000f))];
        var result = HeadSearch.Run(view, labels, new HeadSearchOptions { Optimize = SearchMetric.LogLoss, Folds = 3 }, candidates);
        Assert.True(result.Leaderboard[0].Mean <= result.Leaderboard[1].Mean, $"{result.Leaderboard[0].Mean} vs {result.Leaderboard[1].Mean}");
        // C=0.001 shrinks the probabilities towards 1/3: its log-loss is near ln 3.
        Assert.Equal("C=100", result.Winner.Settings);
    }

    [Fact]
    public void Search_StopsACandidateThatCannotFinish_AndKeepsTheBudget()
    {
        var (view, labels) = Clusters(10);
        HeadCandidate[] candidates = [new("lr", "", new LogisticRegressionHead(0, 1)), new("endless", "", new EndlessHead()), new("lr", "C=10", new LogisticRegressionHead(0, 0.1f))];
        var budget = TimeSpan.FromSeconds(4);
        var result = HeadSearch.Run(view, labels, new HeadSearchOptions { TimeBudget = budget, Folds = 3 }, candidates);
        var endless = result.Leaderboard.Single(e => e.Candidate.Head == "endless");
        Assert.Equal(HeadSearch.Stopped, endless.Status);
        Assert.Empty(endless.FoldScores);
        // The endless head runs until cancelled, so a search that ignored the budget would never end; the bound is loose
        // (twice the budget) because a loaded machine delays the other candidates' folds and the cancellation itself.
        Assert.True(result.Seconds <= budget.TotalSeconds * 2, $"search took {result.Seconds} s of {budget.TotalSeconds} s");
        Assert.True(result.Winner.Head == "lr");
    }

    [Fact]
    public void Search_WithNoTimeForAFold_SaysSo()
    {
        var (view, labels) = Clusters(10);
        var error = Assert.Throws<UserInputException>(() => HeadSearch.Run(view, labels,
            new HeadSearchOptions { TimeBudget = TimeSpan.FromSeconds(0.5), Folds = 3 }, [new("endless", "", new EndlessHead())]));
        Assert.Contains("No head finished its 3 cross-validation folds within the time budget of 0.5 s", error.Message);
        Assert.Contains("--time-budget", error.Message);
    }

    [Fact]
    public void Search_RefusesAMetricOfTheOtherTask_OrAucForThreeLabels()
    {
        var (view, labels) = Clusters(5);
        var auc = Assert.Throws<UserInputException>(() => HeadSearch.Run(view, labels, new HeadSearchOptions { Optimize = SearchMetric.Auc }));
        Assert.Equal("--optimize auc needs two labels (the data has 3): use accuracy, macro-f1 or log-loss.", auc.Message);
        var r2 = Assert.Throws<UserInputException>(() => HeadSearch.Run(view, labels, new HeadSearchOptions { Optimize = SearchMetric.R2 }));
        Assert.StartsWith("--optimize r2 is a regression metric, but the task is classification: expected one of accuracy, macro-f1, log-loss, auc", r2.Message);
    }

    [Fact]
    public void Search_OfARegression_RanksRegressionHeadsByR2()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 60).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray();
            return new NumberRow { Features = x, Label = 3 * x[0] - 2 * x[1] + 0.05f * (float)random.NextDouble() };
        }).ToList();
        var view = new MLContext(0).Data.LoadFromEnumerable(rows);
        HeadCandidate[] candidates = [new("linear", "L2=0.001", Regressor: new LinearRegressionHead(0.001f)), new("lightgbm", "", Regressor: new LightGbmRegressionHead())];
        var result = HeadSearch.Run(view, null, new HeadSearchOptions { TimeBudget = TimeSpan.FromMinutes(5), Folds = 3 }, candidates);
        Assert.Equal(SearchMetric.R2, result.Metric);
        Assert.Equal("linear", result.Winner.Head); // a linear truth: ridge beats trees on 40 training rows
        Assert.True(result.Leaderboard[0].Mean > 0.95, $"R² {result.Leaderboard[0].Mean}");
    }

    [Fact]
    public void DefaultCandidates_StartWithTheDefaultLr_AndTryCOverItsUsualGrid()
    {
        Assert.Equal(RegressionHeadRegistry.Default.Names, HeadSearch.Candidates(MlNetTransfer.Datasets.LearningTask.Regression, standardize: true).Select(c => c.Head));
        var dense = HeadSearch.Candidates(MlNetTransfer.Datasets.LearningTask.Classification, standardize: true);
        Assert.Equal(("lr", ""), (dense[0].Head, dense[0].Settings));
        Assert.Equal(["C=0.01", "C=0.1", "C=1", "C=10", "C=100"],
            dense.Where(c => c.Settings.StartsWith("C=", StringComparison.Ordinal)).Select(c => c.Settings.Split(':')[0]).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(dense, c => c.Head == "mlp");
        Assert.Contains(dense, c => c.Head == "fasttree");
        // On sparse tf-idf rows the default lr already is C=1 without L1: not tried twice.
        var sparse = HeadSearch.Candidates(MlNetTransfer.Datasets.LearningTask.Classification, standardize: false);
        Assert.DoesNotContain(sparse, c => c.Settings.StartsWith("C=1:", StringComparison.Ordinal));
        Assert.Equal(sparse.Count, sparse.Select(c => c.DisplayName).Distinct().Count());
    }

    [Fact]
    public void TrainWorkflow_WithSearch_SavesTheWinner_AndWritesTheLeaderboard()
    {
        var dir = TestData.TempDir();
        try
        {
            var (train, test) = TestData.CopyClasses(dir, "bag", "sandal", "trouser");
            var json = Path.Combine(dir, "m.json");
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = train, Test = test, Out = Path.Combine(dir, "auto.zip"), MetricsJson = json,
                Search = new HeadSearchOptions { TimeBudget = TimeSpan.FromSeconds(20), Folds = 3 },
            });
            var search = Assert.IsType<HeadSearchResult>(result.Search);
            Assert.True(search.Leaderboard[0].IsComplete);
            var root = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
            var board = root["leaderboard"]!.AsArray();
            Assert.Equal(search.Leaderboard.Count, board.Count);
            Assert.Equal(1, (int)board[0]!["rank"]!);
            Assert.Equal(search.Winner.DisplayName, (string)board[0]!["candidate"]!);
            Assert.Equal(search.Leaderboard[0].Mean, (double)board[0]!["cvMean"]!, 12);
            Assert.Equal(search.Winner.DisplayName, (string)root["search"]!["winner"]!);
            Assert.Contains(result.Stages, s => s.Stage == "Head search");
            Assert.Contains(result.Stages, s => s.Stage == $"Training {search.Winner.Head} head");
            // The saved zip is the winner refitted on all training rows: its predictions are the run's.
            var predictions = PredictWorkflow.Many(result.ModelPath, test, Path.Combine(dir, "p.csv"));
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));
            Assert.True(result.Metrics.Accuracy >= 0.8, $"accuracy {result.Metrics.Accuracy}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
