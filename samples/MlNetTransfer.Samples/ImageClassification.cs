// begin-snippet: image-classification
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
// end-snippet

namespace MlNetTransfer.Samples;

/// <summary>README "Using the library": frozen ResNet18 embeddings + a stock ML.NET trainer, saved and reloaded.</summary>
public static class ImageClassification
{
    public static string Run(SampleData data, string folder)
    {
        var trainImages = SampleData.ClassFolders(new MLContext(), data.FashionTrain, perClass: 12);
        var testImages = SampleData.ClassFolders(new MLContext(), data.FashionTest, perClass: 5);
        var modelPath = Path.Combine(folder, "model.zip");
        var photo = Directory.GetFiles(Path.Combine(data.FashionTest, "bag")).Order(StringComparer.Ordinal).First();

        // begin-snippet: image-classification
        var ml = new MLContext(seed: 0);
        // The label's key mapping is fitted apart, so the saved model needs no Label column to predict.
        var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(trainImages);
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)   // without it every trainer pass re-runs the backbone
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(labelKeys.Transform(trainImages));

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(labelKeys.Transform(testImages)));
        Console.WriteLine($"accuracy {metrics.MicroAccuracy:F3}");

        // Saved with the schema of what a prediction gets: one ImagePath column.
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema, modelPath);
        (model as IDisposable)?.Dispose();   // frees the fitted ONNX Runtime session

        // Later, or in another app (ML.NET alone loads it: every step is stock). Dispose what Model.Load returns: ML.NET
        // copies the zip's ONNX bytes (64 MB for resnet18) to a temp file that only Dispose deletes.
        using var loaded = (IDisposable)ml.Model.Load(modelPath, out var inputSchema);
        var engine = ml.Model.CreatePredictionEngine<ImageInput, ImagePrediction>((ITransformer)loaded);
        var prediction = engine.Predict(new ImageInput { ImagePath = photo });
        // end-snippet

        SampleData.Check(metrics.MicroAccuracy > 0.5, $"accuracy {metrics.MicroAccuracy:F3} > 0.5 on 10 classes");
        SampleData.Check(inputSchema.Count == 1 && inputSchema[0].Name == "ImagePath", "the saved model takes ImagePath only");
        SampleData.Check(prediction.Score.Length == 10 && Math.Abs(prediction.Score.Sum() - 1) < 1e-4, "Score holds 10 probabilities");
        return $"accuracy {metrics.MicroAccuracy:F3}, a bag -> {prediction.PredictedLabel}";
    }
}

/// <summary>What a multiclass model predicts for one input.</summary>
public sealed class ImagePrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}
