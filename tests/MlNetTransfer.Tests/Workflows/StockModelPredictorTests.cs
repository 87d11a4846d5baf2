using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <see cref="ModelPredictor"/> serves classification zips built from stock ML.NET steps, not only those written by
/// <c>train</c>: a text, key or Boolean PredictedLabel, a binary trainer, an input column no prediction reads (the label
/// of a zip saved with its training data's schema), an image column with another name; and from many threads at once it
/// predicts what a single-threaded ML.NET PredictionEngine predicts.
/// </summary>
public sealed class StockModelPredictorTests(StockModelsFixture models) : IClassFixture<StockModelsFixture>
{
    private const int Threads = 8;

    /// <summary>Softmax scores are renormalised to sum 1 (one-versus-all scores do not): a float rounding apart.</summary>
    private const double Tolerance = 1e-6;

    [Fact]
    public void StockChain_EightThreadsAtOnce_PredictWhatASingleThreadedPredictionEngineDoes()
    {
        var (reference, slotNames) = EnginePredictions(models.StockZip);
        using var predictor = ModelPredictor.Load(models.StockZip);
        Assert.True(predictor.IsImageModel);
        Assert.Equal("ImagePath", predictor.InputColumn);
        Assert.Equal(slotNames, predictor.Labels); // from Score's slot names: the labels in score order
        Assert.Equal(StockModelsFixture.Classes.Order(), predictor.Labels.Order());
        // Not a constant model: at least two labels come out.
        Assert.True(reference.Select(r => r.PredictedLabel).Distinct().Count() >= 2);

        var images = models.TestImages;
        var results = new List<(int Index, Prediction Prediction)>[Threads];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                results[t] = [];
                start.SignalAndWait();
                for (var j = 0; j < images.Count; j++)
                {
                    var index = (t * 7 + j * (2 * t + 1)) % images.Count; // each thread in its own order
                    results[t].Add((index, predictor.Predict(images[index])));
                }
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(errors, e => Assert.True(e is null, e?.ToString()));
        Assert.InRange(predictor.EnginesCreated, 1, Threads);
        foreach (var (index, prediction) in results.SelectMany(r => r))
        {
            Assert.Equal(Path.GetFullPath(images[index]), prediction.Id);
            Assert.Equal(reference[index].PredictedLabel, prediction.Predicted);
            AssertClose(reference[index].Score, prediction.Probabilities);
        }
        Assert.Equal(Threads * images.Count, results.Sum(r => r.Count));
    }

    [Fact]
    public void KeyPredictedLabel_WithoutMapKeyToValue_PredictsTheLabelTexts()
    {
        var ml = new MLContext(0);
        var model = ml.Model.Load(models.KeyLabelZip, out var schema);
        try
        {
            Assert.IsType<KeyDataViewType>(model.GetOutputSchema(schema)["PredictedLabel"].Type);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
        var (reference, slotNames) = EnginePredictions(models.StockZip); // the same fitted model, ending in MapKeyToValue
        using var predictor = ModelPredictor.Load(models.KeyLabelZip);
        Assert.Equal(slotNames, predictor.Labels);
        for (var i = 0; i < models.TestImages.Count; i++)
        {
            var prediction = predictor.Predict(models.TestImages[i]);
            Assert.Equal(reference[i].PredictedLabel, prediction.Predicted);
            AssertClose(reference[i].Score, prediction.Probabilities);
        }
    }

    [Fact]
    public void BinaryTrainer_BooleanPredictedLabel_GivesFalseTrueProbabilities_AndAnImageColumnIsFoundByItsLoadImagesStep()
    {
        var ml = new MLContext(0);
        var model = ml.Model.Load(models.BinaryZip, out _);
        var reference = new List<BinaryPrediction>();
        using (var engine = ml.Model.CreatePredictionEngine<PhotoInput, BinaryPrediction>(model))
            reference.AddRange(models.TestImages.Select(image => engine.Predict(new PhotoInput { Photo = image })));
        Assert.Equal(2, reference.Select(r => r.PredictedLabel).Distinct().Count());

        using var predictor = ModelPredictor.Load(models.BinaryZip);
        Assert.True(predictor.IsImageModel); // the column is "Photo": the pipeline's LoadImages step reads it
        Assert.Equal("Photo", predictor.InputColumn);
        Assert.Equal(["False", "True"], predictor.Labels);
        for (var i = 0; i < models.TestImages.Count; i++)
        {
            var prediction = predictor.Predict(models.TestImages[i]);
            Assert.Equal(reference[i].PredictedLabel.ToString(), prediction.Predicted);
            Assert.Equal([1 - reference[i].Probability, reference[i].Probability], prediction.Probabilities);
        }
    }

    [Fact]
    public void AZipSavedWithItsTrainingSchema_HasAnUnusedLabelInput_ThatIsGivenADefaultValue()
    {
        var ml = new MLContext(0);
        using (var file = ModelFile.Load(ml, models.StockZip))
        {
            // What README's snippet produces: Model.Load reports both columns as inputs (and MapValueToKey needs Label to
            // exist), while ML.NET's row mapper says the predictions are computed from ImagePath alone.
            Assert.Equal(["ImagePath", "Label"], file.InputSchema.Select(c => c.Name));
            Assert.Equal(["ImagePath"], file.Contract.RequiredInputs);
            Assert.Equal(new Dictionary<string, string?> { ["ImagePath"] = null }, file.Contract.ImageInputs);
        }
        using var withLabel = ModelPredictor.Load(models.StockZip);
        using var without = ModelPredictor.Load(models.ImagePathOnlyZip); // the same fitted steps, MapValueToKey left out
        Assert.Equal("ImagePath", withLabel.InputColumn);
        Assert.Equal(without.Labels, withLabel.Labels);
        foreach (var image in models.TestImages)
            Assert.Equal(without.Predict(image), withLabel.Predict(image), PredictionComparer.Instance);

        // Whatever an app puts in the label column, ML.NET predicts the same: it is not read.
        var model = ml.Model.Load(models.StockZip, out _);
        try
        {
            using var engine = ml.Model.CreatePredictionEngine<LabelledImage, LabelPrediction>(model);
            foreach (var image in models.TestImages.Take(6))
            {
                var expected = withLabel.Predict(image);
                var fed = engine.Predict(new LabelledImage { ImagePath = image, Label = "bag" });
                Assert.Equal(expected.Predicted, fed.PredictedLabel);
                AssertClose(fed.Score, expected.Probabilities);
            }
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }

        // A Boolean label input likewise (and "Photo" is the needed one).
        using var binaryWithLabel = ModelPredictor.Load(models.BinaryWithLabelInputZip);
        using var binary = ModelPredictor.Load(models.BinaryZip);
        Assert.Equal("Photo", binaryWithLabel.InputColumn);
        foreach (var image in models.TestImages.Take(6))
            Assert.Equal(binary.Predict(image), binaryWithLabel.Predict(image), PredictionComparer.Instance);
    }

    /// <summary>
    /// README's "Predicting in an application": a PredictionEngine per request, disposed after it, is fine when it does not
    /// own the model (OwnsTransformer = false); by default disposing it disposes the model, and the next request fails.
    /// </summary>
    [Fact]
    public void PredictionEnginePerRequest_WithOwnsTransformerFalse_ServesRequestAfterRequest_AndAgreesWithModelPredictor()
    {
        var images = models.TestImages.Take(3).ToList();
        var modelPath = models.StockZip;
        var answers = new List<string>();

        // README snippet (plain ML.NET), begin
        var ml = new MLContext();
        var model = ml.Model.Load(modelPath, out _);   // once, at start-up; dispose it at shut-down
        foreach (var image in images)                   // each request
        {
            using var engine = ml.Model.CreatePredictionEngine<LabelledImage, LabelPrediction>(model,
                new PredictionEngineOptions { OwnsTransformer = false });   // disposing the engine leaves the model alone
            answers.Add(engine.Predict(new LabelledImage { ImagePath = image }).PredictedLabel);
        }
        // README snippet, end
        (model as IDisposable)?.Dispose();

        Assert.Equal(3, answers.Count);
        using var predictor = ModelPredictor.Load(modelPath);
        Assert.Equal(images.Select(i => predictor.Predict(i).Predicted), answers);

        // What not to do: the default engine owns the model, so disposing it breaks every later request.
        var owned = ml.Model.Load(modelPath, out _);
        using (var first = ml.Model.CreatePredictionEngine<LabelledImage, LabelPrediction>(owned))
            Assert.Equal(answers[0], first.Predict(new LabelledImage { ImagePath = images[0] }).PredictedLabel);
        using var second = ml.Model.CreatePredictionEngine<LabelledImage, LabelPrediction>(owned);
        Assert.ThrowsAny<Exception>(() => second.Predict(new LabelledImage { ImagePath = images[1] }));
    }

    /// <summary>README's snippet for ModelPredictor, run as written.</summary>
    [Fact]
    public void ReadmeSnippet_ModelPredictor()
    {
        var modelPath = models.StockZip;
        var imagePath = models.TestImages[0];
        string? said = null;

        // README snippet, begin
        using var predictor = ModelPredictor.Load(modelPath);   // once, at start-up; share it between threads
        var prediction = predictor.Predict(imagePath);          // from any thread, any number at once
        said = $"{prediction.Predicted}: {prediction.Probabilities.Max():P0} ({string.Join(", ", predictor.Labels)})";
        // README snippet, end

        Assert.StartsWith(prediction.Predicted + ": ", said);
        Assert.Contains(prediction.Predicted, predictor.Labels);
    }

    [Fact]
    public void ZipsItCannotServe_AreUserErrors_NamingWhatTheZipHas()
    {
        var dir = TestData.TempDir();
        try
        {
            var ml = new MLContext(0);
            var rows = Enumerable.Range(0, 12).Select(i => new TwoTexts { A = i % 2 == 0 ? "red apple" : "blue sky", B = i % 3 == 0 ? "round" : "wide", Label = i % 2 == 0 ? "fruit" : "sky" }).ToList();
            var data = ml.Data.LoadFromEnumerable(rows);

            // Two inputs needed: both named, with their types.
            var twoInputs = Path.Combine(dir, "two-inputs.zip");
            var pipeline = ml.Transforms.Text.FeaturizeText("FA", "A").Append(ml.Transforms.Text.FeaturizeText("FB", "B"))
                .Append(ml.Transforms.Concatenate("Features", "FA", "FB"))
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            ml.Model.Save(pipeline.Fit(data), data.Schema, twoInputs);
            var error = Assert.Throws<UserInputException>(() => ModelPredictor.Load(twoInputs)).Message;
            Assert.Contains("needs 2 inputs A: String, B: String to predict (its inputs: A: String, B: String, Label: String)", error);
            Assert.Contains("one image path or one text", error);

            // One text input needed (Label unused): a text model, served.
            var oneInput = Path.Combine(dir, "one-input.zip");
            ml.Model.Save(ml.Transforms.Text.FeaturizeText("Features", "A")
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(data), data.Schema, oneInput);
            using (var text = ModelPredictor.Load(oneInput))
            {
                Assert.False(text.IsImageModel);
                Assert.Equal("A", text.InputColumn);
                Assert.Equal("fruit", text.Predict("red apple").Predicted);
                Assert.Equal("sky", text.Predict("blue sky").Predicted);
            }

            // Not a classifier: its outputs named.
            var featurizer = Path.Combine(dir, "featurizer.zip");
            ml.Model.Save(ml.Transforms.Text.FeaturizeText("Features", "A").Fit(data), data.Schema, featurizer);
            error = Assert.Throws<UserInputException>(() => ModelPredictor.Load(featurizer)).Message;
            Assert.Contains("neither a classifier nor a regression model: it has no PredictedLabel or Score output (its outputs: A: String, B: String, Label: String, Features: Vector<Single", error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The image column is recognised from the pipeline, not from its name, and a relative path is read from the
    /// LoadImages step's image folder, as ML.NET reads it; a text column named ImagePath is a text.
    /// </summary>
    [Fact]
    public void ImageOrText_IsDecidedByTheLoadImagesStep_WhoseImageFolderRelativePathsAreReadFrom()
    {
        var dir = TestData.TempDir();
        try
        {
            var ml = new MLContext(0);
            var images = TestData.Images(TestData.FashionTrain, 6).Where(i => i.Label is "bag" or "trouser").ToList();
            foreach (var (path, label) in images) File.Copy(path, Path.Combine(dir, $"{label}-{Path.GetFileName(path)}"));
            var data = ml.Data.LoadFromEnumerable(images.Select(i => new LabelledImage { ImagePath = $"{i.Label}-{Path.GetFileName(i.Path)}", Label = i.Label }).ToList());
            // Raw pixels, no backbone: LoadImages(imageFolder) -> 8x8 -> pixels -> a trainer.
            var pipeline = ml.Transforms.CopyColumns("File", "ImagePath")
                .Append(ml.Transforms.LoadImages("Image", dir, "File"))
                .Append(ml.Transforms.ResizeImages("Small", 8, 8, "Image"))
                .Append(ml.Transforms.ExtractPixels("Features", "Small"))
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            var zip = Path.Combine(dir, "pixels.zip");
            ml.Model.Save(pipeline.Fit(data), data.Schema, zip);

            using (var predictor = ModelPredictor.Load(zip))
            {
                Assert.True(predictor.IsImageModel);
                var relative = $"bag-{Path.GetFileName(images[0].Path)}";
                var prediction = predictor.Predict(relative); // relative to the LoadImages folder, not to the current folder
                Assert.Equal(Path.Combine(dir, relative), prediction.Id);
                Assert.Equal(prediction, predictor.Predict(Path.Combine(dir, relative)), PredictionComparer.Instance);
                Assert.Contains(Path.Combine(dir, "missing.png"), Assert.Throws<UserInputException>(() => predictor.Predict("missing.png")).Message);
            }

            // A text model whose column happens to be called ImagePath: texts, not paths.
            var textZip = Path.Combine(dir, "text.zip");
            var texts = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new LabelledImage { ImagePath = i % 2 == 0 ? "red apple" : "blue sky", Label = i % 2 == 0 ? "fruit" : "sky" }).ToList());
            ml.Model.Save(ml.Transforms.Text.FeaturizeText("Features", "ImagePath")
                .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")).Fit(texts), texts.Schema, textZip);
            using var text = ModelPredictor.Load(textZip);
            Assert.False(text.IsImageModel);
            Assert.Equal("fruit", text.Predict("red apple").Predicted);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Each test image through a single-threaded stock PredictionEngine, and the Score slot names.</summary>
    private (IReadOnlyList<LabelPrediction> Predictions, IReadOnlyList<string> SlotNames) EnginePredictions(string zip)
    {
        var ml = new MLContext(0);
        var model = ml.Model.Load(zip, out _);
        try
        {
            using var engine = ml.Model.CreatePredictionEngine<LabelledImage, LabelPrediction>(model);
            var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
            engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
            var predictions = models.TestImages.Select(image => engine.Predict(new LabelledImage { ImagePath = image })).ToList();
            return (predictions, slotNames.DenseValues().Select(n => n.ToString()).ToList());
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++) Assert.Equal(expected[k], actual[k], Tolerance);
    }

    public sealed class TwoTexts
    {
        public string A = "";

        public string B = "";

        public string Label = "";
    }

    /// <summary>Two predictions are equal: same id, label and probabilities (bit for bit).</summary>
    private sealed class PredictionComparer : IEqualityComparer<Prediction>
    {
        public static readonly PredictionComparer Instance = new();

        public bool Equals(Prediction? x, Prediction? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Predicted == y.Predicted && x.Probabilities.SequenceEqual(y.Probabilities);

        public int GetHashCode(Prediction obj) => obj.Id.GetHashCode();
    }
}
