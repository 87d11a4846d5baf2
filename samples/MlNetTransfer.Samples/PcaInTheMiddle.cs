using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Samples;

/// <summary>README: any stock ML.NET step fits between the embeddings and the trainer — here PCA to 32 dimensions.</summary>
public static class PcaInTheMiddle
{
    public static string Run(SampleData data, string folder)
    {
        var trainImages = SampleData.ClassFolders(new MLContext(), data.FashionTrain, perClass: 12);
        var testImages = SampleData.ClassFolders(new MLContext(), data.FashionTest, perClass: 5);

        // begin-snippet: pca-in-the-middle
        var ml = new MLContext(seed: 0);
        var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(trainImages);
        var pipeline = ml.Transforms.ExtractImageEmbeddings("Embedding", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
            .AppendCacheCheckpoint(ml)
            .Append(ml.Transforms.ProjectToPrincipalComponents("Features", "Embedding", rank: 32))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using var model = (IDisposable)pipeline.Fit(labelKeys.Transform(trainImages));
        var metrics = ml.MulticlassClassification.Evaluate(((ITransformer)model).Transform(labelKeys.Transform(testImages)));
        // end-snippet

        SampleData.Check(metrics.MicroAccuracy > 0.5, $"accuracy {metrics.MicroAccuracy:F3} > 0.5 on 10 classes");
        return $"accuracy {metrics.MicroAccuracy:F3} on 32 principal components";
    }
}
