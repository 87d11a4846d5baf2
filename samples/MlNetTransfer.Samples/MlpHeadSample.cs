using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Samples;

/// <summary>README: the MLP head as a drop-in ML.NET multiclass trainer, evaluated with ML.NET's own evaluator.</summary>
public static class MlpHeadSample
{
    public static string Run(SampleData data, string folder)
    {
        var trainImages = SampleData.ClassFolders(new MLContext(), data.FashionTrain, perClass: 12);
        var testImages = SampleData.ClassFolders(new MLContext(), data.FashionTest, perClass: 5);
        var modelPath = Path.Combine(folder, "mlp.zip");

        // begin-snippet: mlp-head
        var ml = new MLContext(seed: 0);
        var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(trainImages);
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.Mlp(ml, options: new MlpOptions { Seed = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using var model = (IDisposable)pipeline.Fit(labelKeys.Transform(trainImages));
        var metrics = ml.MulticlassClassification.Evaluate(((ITransformer)model).Transform(labelKeys.Transform(testImages)));
        ml.Model.Save((ITransformer)model, ml.Data.LoadFromEnumerable(Array.Empty<ImageInput>()).Schema, modelPath);
        // end-snippet

        SampleData.Check(metrics.MicroAccuracy > 0.5, $"accuracy {metrics.MicroAccuracy:F3} > 0.5 on 10 classes");
        using var loaded = (IDisposable)ml.Model.Load(modelPath, out _);
        var reloaded = ml.MulticlassClassification.Evaluate(((ITransformer)loaded).Transform(labelKeys.Transform(testImages)));
        SampleData.Check(reloaded.MicroAccuracy == metrics.MicroAccuracy, "the reloaded zip scores the same");
        return $"accuracy {metrics.MicroAccuracy:F3}";
    }
}
