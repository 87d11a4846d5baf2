using Microsoft.ML;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>Predict = load a saved zip and score one input or a whole dataset; a dataset's predictions go to a CSV.</summary>
public static class PredictWorkflow
{
    /// <summary>
    /// Scores one input: an image path for an image model (one <c>ImagePath</c> column); for a model with one text
    /// column, the text itself. An image whose header announces more than <paramref name="maxImagePixels"/> pixels is
    /// refused before decoding; an EXIF-rotated one is predicted upright (<see cref="ImageOrientation"/>). For a regression
    /// model (<see cref="ModelContract.IsRegression"/>) the labels are empty and the prediction is the number
    /// (<see cref="Prediction.Predicted"/> in round-trip format, no probabilities).
    /// </summary>
    public static (IReadOnlyList<string> Labels, Prediction Prediction) One(string modelPath, string input, long maxImagePixels = Defaults.MaxImagePixels)
    {
        var ml = new MLContext(0);
        using var model = ModelFile.Load(ml, modelPath);
        var regression = model.Contract.IsRegression;
        if (!regression) model.EnsureClassifier();
        var columns = model.InputSchema.ToList();
        if (columns.Count != 1)
            throw new UserInputException($"The model takes {columns.Count} columns ({string.Join(", ", columns.Select(c => c.Name))}): use --data with a CSV.");
        var name = columns[0].Name;
        string value = input;
        if (name == Dataset.ImagePathColumn)
        {
            value = Path.GetFullPath(input);
            if (ImageCheck.NotAFile(value) is { } missing)
                throw new UserInputException(missing + (Directory.Exists(value) ? " (a folder of images is predicted with --data and --out)." : "."));
            // A bomb is refused from its header before any decode; an undecodable image is named by the scan's diagnosis
            // (ScoredView.Read gets the dataset), so the image is decoded once, by the model.
            if (ImageCheck.PixelProblem(value, maxImagePixels) is { } tooLarge) throw new UserInputException($"Could not read image '{value}': {tooLarge}.");
        }
        // The id is the value itself (the full path for an image), so no message ever names it as a CSV row.
        var dataset = new Dataset(value, [value], null, [new DatasetColumn(name, name == Dataset.ImagePathColumn ? ColumnRole.Image : ColumnRole.Text, [value])]);
        using var upright = new UprightImages();
        var scored = model.Transformer.Transform(upright.Apply(dataset).ToDataView(includeLabel: false));
        if (regression)
        {
            var number = RegressionScores.Read(scored, dataset.Ids, "Predicting", null, default, dataset)[0];
            return ([], new Prediction(number.Id, RegressionScores.Format(number.Value), []));
        }
        var prediction = ScoredView.Read(scored, dataset.Ids, "Predicting", null, default, dataset)[0];
        return (ScoredView.Labels(scored.Schema), prediction);
    }

    /// <summary>
    /// Scores every row of a folder or CSV and writes <c>path_or_row,predicted,score_&lt;label&gt;…</c> to <paramref name="outCsv"/>
    /// (a regression model: <c>path_or_row,predicted</c>, the number in round-trip format, and predictions with no probabilities).
    /// With <see cref="BadInputPolicy.Skip"/> an unreadable input does not stop the run: its row has an empty prediction
    /// and scores and says what is wrong in a last column, <c>error</c> (present in that mode only); the returned list
    /// holds the scored rows. Images whose header announces more than <paramref name="maxImagePixels"/> pixels are bad
    /// inputs; EXIF-rotated ones are predicted upright.
    /// </summary>
    public static IReadOnlyList<Prediction> Many(string modelPath, string dataPath, string outCsv, string? label = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        long maxImagePixels = Defaults.MaxImagePixels) =>
        Write(modelPath, dataPath, outCsv, label, progress, cancellation, onBadInput, maxImagePixels).Predictions;

    /// <summary>
    /// <see cref="Many"/>, returning what was written: every row of the data (<see cref="PredictionsWritten.Rows"/>),
    /// the predictions, and the unreadable inputs left with an empty prediction (only with <see cref="BadInputPolicy.Skip"/>).
    /// </summary>
    public static PredictionsWritten Write(string modelPath, string dataPath, string outCsv, string? label = null,
        IProgress<WorkflowProgress>? progress = null, CancellationToken cancellation = default, BadInputPolicy onBadInput = BadInputPolicy.Fail,
        long maxImagePixels = Defaults.MaxImagePixels)
    {
        AtomicFile.CheckWritable(outCsv, "predictions");
        var ml = new MLContext(0);
        using var model = ModelFile.Load(ml, modelPath);
        var regression = model.Contract.IsRegression;
        if (!regression) model.EnsureClassifier();
        var all = ModelDataset.Load(model.InputSchema, dataPath, label, requireLabels: false, onBadInput);
        var (data, bad) = BadInputScreen.Screen(all, onBadInput, cancellation, maxImagePixels);
        using var upright = new UprightImages();
        var scored = model.Transformer.Transform(upright.Apply(data).ToDataView(includeLabel: false));
        var numbers = regression ? RegressionScores.Read(scored, data.Ids, "Predicting", progress, cancellation, data) : null;
        var predictions = numbers is not null
            ? numbers.Select(v => new Prediction(v.Id, RegressionScores.Format(v.Value), [])).ToList()
            : ScoredView.Read(scored, data.Ids, "Predicting", progress, cancellation, data);
        // Written as they are (Infinity), but not silently: evaluate's metrics say the same.
        if (numbers?.Where(v => !float.IsFinite(v.Value)).ToList() is { Count: > 0 } infinite)
            progress?.Report(new WorkflowProgress("Predicting", 0, 0,
                $"warning: {infinite.Count} prediction{(infinite.Count == 1 ? " is" : "s are")} not a finite number (first: {infinite[0].Id}, {RegressionScores.Format(infinite[0].Value)}): " +
                "the inputs are far outside what the model was trained on, or the labels were near float's limit (3.4e38)"));
        IReadOnlyList<string> labels = regression ? [] : ScoredView.Labels(scored.Schema);
        // One writer for both policies: rows in input order; the error column only exists with skip.
        var withErrors = onBadInput == BadInputPolicy.Skip;
        var problems = bad.GroupBy(b => b.Row).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(b => b.Describe(all))));
        var next = 0;
        var rows = Enumerable.Range(0, all.Count).Select(r => problems.TryGetValue(r, out var problem)
            ? (IEnumerable<string>)[all.Ids[r], "", .. labels.Select(_ => ""), problem]
            : (IEnumerable<string>)[all.Ids[r], predictions[next].Predicted, .. predictions[next++].Probabilities.Select(CsvOutput.Number), .. withErrors ? [""] : Array.Empty<string>()]);
        CsvOutput.Write(outCsv, ["path_or_row", "predicted", .. labels.Select(l => $"score_{l}"), .. withErrors ? ["error"] : Array.Empty<string>()], rows.ToList());
        return new PredictionsWritten(Path.GetFullPath(outCsv), all.Count, predictions, problems.Count);
    }
}

/// <summary>What <see cref="PredictWorkflow.Write"/> wrote.</summary>
/// <param name="Path">The predictions CSV (full path).</param>
/// <param name="Rows">Rows written: one per input of the data, predicted or not.</param>
/// <param name="Predictions">The inputs that were scored, in order.</param>
/// <param name="UnreadableRows">Rows left with an empty prediction and their problem in the <c>error</c> column (<see cref="BadInputPolicy.Skip"/> only).</param>
public sealed record PredictionsWritten(string Path, int Rows, IReadOnlyList<Prediction> Predictions, int UnreadableRows);
