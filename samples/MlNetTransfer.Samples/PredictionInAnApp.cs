// begin-snippet: prediction-in-an-app
using Microsoft.ML;
using MlNetTransfer.Workflows;
// end-snippet
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Samples;

/// <summary>README "Predicting in an application": one model, many threads; and the per-request engine rule.</summary>
public static class PredictionInAnApp
{
    public static string Run(SampleData data, string folder)
    {
        var modelPath = Path.Combine(folder, "model.zip");
        TrainSmallModel(data, modelPath);
        var photos = Directory.GetDirectories(data.FashionTest).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal).Take(2)).ToList();

        // begin-snippet: prediction-in-an-app
        using var predictor = ModelPredictor.Load(modelPath);   // once, at start-up; share it between threads
        var predictions = photos.AsParallel().Select(photo => predictor.Predict(photo)).ToList();   // any thread, any number at once
        Console.WriteLine($"{predictions[0].Predicted}: {predictions[0].Probabilities.Max():P0} (labels: {string.Join(", ", predictor.Labels)})");
        // end-snippet

        var answers = new List<string>();
        // begin-snippet: prediction-engine-per-request
        var ml = new MLContext();
        using var model = (IDisposable)ml.Model.Load(modelPath, out _);   // once, at start-up; disposed at shut-down
        foreach (var photo in photos)                                      // each request
        {
            using var engine = ml.Model.CreatePredictionEngine<ImageInput, ImagePrediction>((ITransformer)model,
                new PredictionEngineOptions { OwnsTransformer = false });   // disposing the engine leaves the model alone
            answers.Add(engine.Predict(new ImageInput { ImagePath = photo }).PredictedLabel);
        }
        // end-snippet

        SampleData.Check(answers.SequenceEqual(predictions.Select(p => p.Predicted)), "the pool and per-request engines predict the same labels");
        SampleData.Check(predictions.All(p => Math.Abs(p.Probabilities.Sum() - 1) < 1e-4), "probabilities sum to 1");
        return $"{photos.Count} photos predicted from {predictor.EnginesCreated} pooled engine(s); per-request engines agree";
    }

    private static void TrainSmallModel(SampleData data, string modelPath)
    {
        var ml = new MLContext(seed: 0);
        var train = SampleData.ClassFolders(ml, data.FashionTrain, perClass: 6);
        var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(labelKeys.Transform(train));
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema, modelPath);
        (model as IDisposable)?.Dispose();
    }
}
