using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Plots;

namespace MlNetTransfer.Workflows;

/// <summary>Evaluate = load a saved zip, run it over labelled data row by row (exactly as any ML.NET app would), compute metrics.</summary>
public static class EvaluateWorkflow
{
    /// <summary>
    /// Loads the model zip with stock ML.NET, scores every example of <paramref name="dataPath"/> and computes
    /// <see cref="ClassificationMetrics"/> against the true labels.
    /// </summary>
    /// <param name="modelPath">A zip written by <c>train</c> (it must output <c>PredictedLabel</c> and <c>Score</c>).</param>
    /// <param name="dataPath">Labelled data in the model's input form: a class-folder tree for a model that takes only <c>ImagePath</c>, else a CSV with the model's input columns.</param>
    /// <param name="label">The CSV's label column; null for the one the model's training recorded in the zip (<see cref="ModelFile.Training"/>), else (an older zip, or one from another ML.NET program) a column named <c>label</c> in any case. Ignored for a class-folder tree.</param>
    /// <param name="metricsJson">Where to write <see cref="ClassificationMetrics.ToJson"/> (atomically); null writes nothing. Its folder is checked before the model loads.</param>
    /// <param name="progress">Told the rows scored, and the bad inputs left out when <paramref name="onBadInput"/> is <see cref="BadInputPolicy.Skip"/>.</param>
    /// <param name="cancellation">Stops the screening or scoring.</param>
    /// <param name="onBadInput">What to do with unreadable images (see <see cref="BadInputScreen.Screen"/>). Default: fail.</param>
    /// <param name="maxImagePixels">Images whose header announces more pixels are bad inputs (refused before decoding). Default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <exception cref="UserInputException">
    /// The model is missing, not an ML.NET zip or not a classifier (a regression model: use <see cref="Evaluate"/>); the
    /// data cannot be loaded, lacks a model column, or lacks the label column (given, or recorded in the zip: the message
    /// names it and the file's columns); an image is unreadable under <see cref="BadInputPolicy.Fail"/>; a
    /// true label is one the model was not trained on; <paramref name="metricsJson"/>'s folder does not exist.
    /// </exception>
    public static ClassificationMetrics Run(string modelPath, string dataPath, string? label = null, string? metricsJson = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        long maxImagePixels = Defaults.MaxImagePixels)
    {
        using var model = Open(modelPath, metricsJson);
        if (model.Contract.IsRegression)
            throw new UserInputException($"'{model.Path}' is a regression model: evaluate it with EvaluateWorkflow.Evaluate, which gives its RegressionMetrics.");
        model.EnsureClassifier();
        return Classification(model, dataPath, label, metricsJson, progress, cancellation, onBadInput, maxImagePixels, false).Metrics;
    }

    /// <summary>
    /// Loads the model zip with stock ML.NET and evaluates it as its task says: a classifier as <see cref="Run"/> does
    /// (<see cref="ClassificationMetrics"/>), a regression model (<see cref="ModelContract.IsRegression"/>) against the
    /// data's numeric labels (<see cref="RegressionMetrics"/>; every label must be a finite number, else the error names its
    /// file, row and column). Parameters and errors as <see cref="Run"/>'s.
    /// </summary>
    /// <param name="modelPath">A zip written by <c>train</c>.</param>
    /// <param name="dataPath">Labelled data in the model's input form (see <see cref="Run"/>).</param>
    /// <param name="label">The CSV's label column; null for the one the model's training recorded in the zip (<see cref="ModelFile.Training"/>), else (an older zip, or one from another ML.NET program) a column named <c>label</c> in any case. Ignored for a class-folder tree.</param>
    /// <param name="metricsJson">Where to write the metrics' JSON (atomically); null writes nothing.</param>
    /// <param name="progress">Told the rows scored and the bad inputs left out.</param>
    /// <param name="cancellation">Stops the screening or scoring.</param>
    /// <param name="onBadInput">What to do with unreadable images. Default: fail.</param>
    /// <param name="maxImagePixels">Images whose header announces more pixels are bad inputs. Default <see cref="Defaults.MaxImagePixels"/>.</param>
    /// <param name="plot">
    /// Where to draw the evaluation (PNG, atomically; its folder is checked before the model loads); null draws nothing. A
    /// classifier gets its confusion matrix (<see cref="ConfusionMatrixChart"/>); a regression model gets predicted vs
    /// actual at this path and the residuals' histogram beside it as <c>&lt;name&gt;-residuals.png</c> (<see cref="RegressionCharts"/>).
    /// </param>
    /// <param name="report">
    /// A folder for <c>report.md</c> and its pictures (data summary, metrics, per-class scores, confusion matrix or
    /// regression plots, an embedding map of the head's input features, time by stage); null: none.
    /// </param>
    public static IModelMetrics Evaluate(string modelPath, string dataPath, string? label = null, string? metricsJson = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        long maxImagePixels = Defaults.MaxImagePixels, string? plot = null, string? report = null)
    {
        if (plot is not null) CheckPlot(plot, modelPath, dataPath, metricsJson);
        var reportDir = report is null ? null : ModelReport.Prepare(report);
        var clock = new StageClock(progress);
        progress = clock;
        using var model = Open(modelPath, metricsJson);
        if (model.Contract.IsRegression)
        {
            var (metrics, truth, predicted, evaluated) = Regression(model, dataPath, label, metricsJson, progress, cancellation, onBadInput, maxImagePixels);
            if (reportDir is not null) WriteReport(reportDir, model, evaluated, metrics, truth, predicted, evaluated.Data.Targets!.Select(RegressionScores.Format).ToList(), clock, progress, cancellation);
            if (plot is not null)
            {
                // Both drawn before either is written: a failure leaves neither file changed.
                var quantity = label ?? model.Training?.LabelColumn ?? "value";
                var fit = ChartFile.Render(RegressionCharts.PredictedVsActual(truth, predicted, quantity, metrics.R2Undefined is null ? metrics.R2 : null, metrics.Mae));
                var residuals = ChartFile.Render(RegressionCharts.Residuals(truth, predicted, quantity));
                AtomicFile.WriteBytes(plot, fit);
                AtomicFile.WriteBytes(ResidualsPath(plot), residuals);
            }
            return metrics;
        }
        model.EnsureClassifier();
        var (classification, run) = Classification(model, dataPath, label, metricsJson, progress, cancellation, onBadInput, maxImagePixels, reportDir is not null);
        if (plot is not null) ChartFile.Save(ConfusionMatrixChart.Create(classification.Labels, classification.ConfusionMatrix), plot);
        if (reportDir is not null) WriteReport(reportDir, model, run, classification, [], [], run.Data.Labels!, clock, progress, cancellation);
        return classification;
    }

    /// <summary>
    /// Before any work: the plot is a writable <c>.png</c> path (its residuals' sibling too), and neither is the model, the
    /// data or the metrics file, which it would overwrite.
    /// </summary>
    private static void CheckPlot(string plot, string modelPath, string dataPath, string? metricsJson)
    {
        if (!plot.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"The plot must be a .png file (got '{plot}').");
        foreach (var picture in new[] { plot, ResidualsPath(plot) })
        {
            AtomicFile.CheckWritable(picture, "plot");
            foreach (var (input, name) in new[] { (modelPath, "model"), (dataPath, "data"), (metricsJson, "metrics file") })
                if (AtomicFile.SamePath(picture, input))
                    throw new UserInputException($"Cannot draw the plot to '{Path.GetFullPath(picture)}': it is the {name}, which it would overwrite; choose another path.");
        }
    }

    /// <summary>Where <see cref="Evaluate"/> draws a regression model's residuals for a <c>plot</c> path: <c>&lt;name&gt;-residuals&lt;.ext&gt;</c> beside it.</summary>
    public static string ResidualsPath(string plot) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(plot))!, $"{Path.GetFileNameWithoutExtension(plot)}-residuals.png");

    /// <summary>Checks the metrics file can be written (before any work), then loads the zip with stock ML.NET.</summary>
    private static ModelFile Open(string modelPath, string? metricsJson)
    {
        if (metricsJson is not null) AtomicFile.CheckWritable(metricsJson, "metrics");
        return ModelFile.Load(new MLContext(0), modelPath);
    }

    /// <summary>What an evaluation read, for its report: the data evaluated, the inputs left out, each row's head input (when tapped).</summary>
    private sealed record EvaluatedData(Dataset Data, IReadOnlyList<BadInput> Bad, HeadInputTap? Tap);

    private static void WriteReport(string dir, ModelFile model, EvaluatedData run, IModelMetrics metrics, IReadOnlyList<float> truth, IReadOnlyList<float> predicted,
        IReadOnlyList<string> mapLabels, StageClock clock, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var tapped = run.Tap is { } tap && tap.Features.All(f => f is not null);
        ModelReport.Write(dir, new ReportContent
        {
            Title = "Evaluation report",
            ModelPath = model.Path,
            Sets = [("evaluated", run.Data)],
            Skipped = run.Bad.Select(b => (run.Data, b)).ToList(),
            Metrics = metrics,
            MetricsOn = $"evaluated data, {metrics.Examples} examples",
            Truth = truth,
            Predicted = predicted,
            Stages = clock.Times(),
            MapFeatures = tapped ? run.Tap!.Features : [],
            MapLabels = mapLabels,
            NoMapReason = tapped ? null : $"the model has no '{Featurizers.FeaturePipeline.FeaturesColumn}' column of known size to map (models saved by train have one)",
        }, progress, cancellation);
    }

    /// <summary>A regression model's metrics on <paramref name="dataPath"/>'s numeric labels.</summary>
    private static (RegressionMetrics Metrics, IReadOnlyList<float> Truth, IReadOnlyList<float> Predicted, EvaluatedData Run) Regression(ModelFile model, string dataPath, string? label, string? metricsJson,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, BadInputPolicy onBadInput, long maxImagePixels)
    {
        var loaded = ModelDataset.LoadLabelled(model, dataPath, label, onBadInput, LearningTask.Regression);
        var (data, bad) = BadInputScreen.Screen(loaded, onBadInput, cancellation, maxImagePixels);
        if (bad.Count > 0)
            progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{bad.Count} unreadable examples left out of the evaluation; the first: {bad[0].Describe(data)}"));
        using var upright = new UprightImages();
        var scored = model.Transformer.Transform(upright.Apply(data).ToDataView(includeLabel: false));
        var tap = new HeadInputTap(data.Count);
        var values = RegressionScores.Read(scored, data.Ids, "Evaluating", progress, cancellation, data, tap);
        var metrics = RegressionMetrics.Compute(data.Targets!, values);
        if (metricsJson is not null) AtomicFile.WriteText(metricsJson, metrics.ToJson());
        return (metrics, data.Targets!, values.Select(v => v.Value).ToArray(), new EvaluatedData(data, bad, tap));
    }

    /// <summary>A classifier's metrics on <paramref name="dataPath"/>.</summary>
    private static (ClassificationMetrics Metrics, EvaluatedData Run) Classification(ModelFile model, string dataPath, string? label, string? metricsJson,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, BadInputPolicy onBadInput, long maxImagePixels, bool tapFeatures)
    {
        var loaded = ModelDataset.LoadLabelled(model, dataPath, label, onBadInput);
        CheckLabels(model.Contract.Labels!, loaded);
        var (data, bad) = BadInputScreen.Screen(loaded, onBadInput, cancellation, maxImagePixels);
        if (bad.Count > 0)
            progress?.Report(new WorkflowProgress("Bad inputs", 0, 0, $"{bad.Count} unreadable examples left out of the evaluation; the first: {bad[0].Describe(data)}"));
        using var upright = new UprightImages(); // EXIF-rotated photos reach the zip's LoadImages upright (ImageOrientation)
        var scored = model.Transformer.Transform(upright.Apply(data).ToDataView(includeLabel: false));
        var tap = tapFeatures ? new HeadInputTap(data.Count) : null;
        var predictions = ScoredView.Read(scored, data.Ids, "Evaluating", progress, cancellation, data, tap);
        var metrics = ClassificationMetrics.Compute(ScoredView.Labels(scored.Schema), data.Labels!, predictions);
        if (metricsJson is not null) AtomicFile.WriteText(metricsJson, metrics.ToJson());
        return (metrics, new EvaluatedData(data, bad, tap));
    }

    /// <summary>
    /// Fails before anything is decoded or scored when the data holds a label the model does not know, naming every
    /// such label with its count and first example.
    /// </summary>
    private static void CheckLabels(IReadOnlyList<string> known, Dataset data)
    {
        var set = new HashSet<string>(known, StringComparer.Ordinal);
        var unknown = data.Labels!.Select((l, i) => (Label: l, Row: i)).Where(x => !set.Contains(x.Label))
            .GroupBy(x => x.Label, StringComparer.Ordinal)
            .Select(g => $"'{g.Key}' ({g.Count()} example{(g.Count() == 1 ? "" : "s")}, the first {Where(data, g.First().Row)})").ToList();
        if (unknown.Count > 0)
            throw new UserInputException(
                $"The data has label{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}, which the model was not trained on (it knows: {string.Join(", ", known)}); nothing was evaluated.");
    }

    /// <summary>Where row <paramref name="row"/> is, in words: <c>at row 12</c> of a CSV (its id is the row number), else <c>'cats/1.jpg'</c> (the image).</summary>
    private static string Where(Dataset data, int row) => data.LabelColumnName is null ? $"'{data.Ids[row]}'" : $"at row {data.Ids[row]}";
}
