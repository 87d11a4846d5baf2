using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// The workflows from code on a regression: train infers the task from Seattle's maximum temperature, fits the regression
/// head on the in-memory features and returns <see cref="RegressionMetrics"/>; evaluate and predict read the task from the
/// zip and reproduce the test predictions.
/// </summary>
public sealed class RegressionWorkflowTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_Evaluate_Predict_FollowTheTask()
    {
        var lines = File.ReadAllLines(TestData.SeattleWeather);
        var train = Path.Combine(_dir, "train.csv");
        var test = Path.Combine(_dir, "test.csv");
        File.WriteAllLines(train, [lines[0], .. lines.Skip(1).Take(1100)]);
        File.WriteAllLines(test, [lines[0], .. lines.Skip(1101)]);
        var reports = new List<WorkflowProgress>();
        var options = new TrainOptions
        {
            Data = train, Test = test, Label = "temp_max", Out = Path.Combine(_dir, "m.zip"),
            RegressionTrainer = RegressionHeadRegistry.Default.Get("fasttree"),
        };
        var result = TrainWorkflow.Run(options, new SynchronousProgress<WorkflowProgress>(reports.Add));

        Assert.Equal(LearningTask.Regression, result.Task);
        Assert.Contains(reports, r => r.Stage == "Task" && r.Detail!.StartsWith("regression (label 'temp_max': 1,100 numbers", StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Stage == "Training fasttree regression head");
        var metrics = result.RegressionMetrics!;
        Assert.Equal(361, metrics.Examples);
        Assert.True(metrics.R2 >= 0.7, $"R² {metrics.R2}");
        Assert.Equal(361, result.TestValues.Count);
        Assert.Equal(result.TestValues.Select(v => RegressionScores.Format(v.Value)), result.TestPredictions.Select(p => p.Predicted));
        Assert.All(result.TestPredictions, p => Assert.Empty(p.Probabilities));
        Assert.Throws<InvalidOperationException>(() => result.Metrics);
        Assert.Contains("Task = Regression", result.ToString());

        var plot = Path.Combine(_dir, "fit.png");
        var evaluated = EvaluateWorkflow.Evaluate(result.ModelPath, test, "temp_max", plot: plot);
        foreach (var png in new[] { plot, Path.Combine(_dir, "fit-residuals.png") })
        {
            using var picture = SkiaSharp.SKBitmap.Decode(png);
            Assert.True(picture is { Width: 800, Height: 600 }, $"{png} is not the evaluation's 800 x 600 picture");
        }
        Assert.True(metrics.HasSameOutcomeAs(Assert.IsType<RegressionMetrics>(evaluated)), $"{metrics.ToJson()}\n{evaluated.ToJson()}");
        var e = Assert.Throws<UserInputException>(() => EvaluateWorkflow.Run(result.ModelPath, test, "temp_max"));
        Assert.Contains("is a regression model", e.Message);

        var written = PredictWorkflow.Write(result.ModelPath, test, Path.Combine(_dir, "p.csv"));
        Assert.Equal(361, written.Predictions.Count);
        for (var i = 0; i < 361; i++)
        {
            var zip = float.Parse(written.Predictions[i].Predicted, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(zip - result.TestValues[i].Value) <= 1e-5 * Math.Max(1, Math.Abs(zip)), $"row {i + 1}: zip {zip}, training run {result.TestValues[i].Value}");
        }
        Assert.Equal("path_or_row,predicted", File.ReadLines(Path.Combine(_dir, "p.csv")).First());
    }

    [Fact]
    public void ATrainerForTheOtherTask_IsAUserError_NamingTheTasksTrainers()
    {
        var e = Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions
        {
            Data = TestData.SeattleWeather, Label = "temp_max", Out = Path.Combine(_dir, "m.zip"), Trainer = HeadRegistry.Default.Get("mlp"),
        }));
        Assert.StartsWith("--trainer 'mlp' is a classification trainer, but the task is regression (label 'temp_max'", e.Message);
        Assert.EndsWith($"expected one of {string.Join(", ", RegressionHeadRegistry.Default.Names)} for a regression.", e.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "m.zip")));
        // Both set (as the CLI does for 'fasttree'): each task finds its head.
        var both = new TrainOptions { Trainer = HeadRegistry.Default.Get("fasttree"), RegressionTrainer = RegressionHeadRegistry.Default.Get("fasttree") };
        Assert.Null(both.TrainerProblem(LearningTask.Regression, "regression"));
        Assert.Null(both.TrainerProblem(LearningTask.Classification, "classification"));
        Assert.Null(new TrainOptions().TrainerProblem(LearningTask.Regression, "regression"));
        Assert.Equal("linear", new TrainOptions().RegressionTrainer.Name);
    }

    [Fact]
    public void Predict_WritesANonFinitePrediction_AndWarnsOfIt()
    {
        // The breaker's case: labels near float's limit and inputs far outside the training range gave Infinity, rc 0, no word.
        var train = Path.Combine(_dir, "big.csv");
        File.WriteAllLines(train, ["x,y", .. Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i % 10},{(i % 10 + 1) * 3e37}"))]);
        var model = Path.Combine(_dir, "big.zip");
        TrainWorkflow.Run(new TrainOptions { Data = train, Label = "y", Out = model, Task = LearningTask.Regression });
        var far = Path.Combine(_dir, "far.csv");
        File.WriteAllLines(far, ["x", "1", "1e6"]);
        var reports = new List<WorkflowProgress>();
        var written = PredictWorkflow.Write(model, far, Path.Combine(_dir, "p.csv"), progress: new SynchronousProgress<WorkflowProgress>(reports.Add));
        Assert.True(float.IsFinite(float.Parse(written.Predictions[0].Predicted, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Infinity", written.Predictions[1].Predicted);
        Assert.Contains(reports, r => r.Detail is { } d && d.StartsWith("warning: 1 prediction is not a finite number (first: 2, Infinity)", StringComparison.Ordinal));
    }
}
