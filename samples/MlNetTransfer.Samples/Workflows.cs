// begin-snippet: workflows
using Microsoft.ML;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;
// end-snippet

namespace MlNetTransfer.Samples;

/// <summary>README: the workflows behind the console app, from code.</summary>
public static class Workflows
{
    public static string Run(SampleData data, string folder)
    {
        var modelZip = Path.Combine(folder, "model.zip");
        var featuresFile = Path.Combine(folder, "features.parquet");

        // begin-snippet: workflows
        var result = TrainWorkflow.Run(new TrainOptions
        {
            Data = data.FashionTrain, Test = data.FashionTest, Out = modelZip,
            Trainer = HeadRegistry.Default.Get("lr"),             // or "mlp", "fasttree", or any IHeadTrainer of yours
            FeatureSpace = new StockFeatureSpaceTransform("pca(32)", (ml, column) => ml.Transforms.ProjectToPrincipalComponents(column, rank: 32)),
        });
        Console.WriteLine($"test accuracy {result.Metrics.Accuracy:F3}");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data.FashionTest, Out = featuresFile });
        // end-snippet

        SampleData.Check(File.Exists(modelZip) && File.Exists(featuresFile), "model and features written");
        return $"test accuracy {result.Metrics.Accuracy:F3}";
    }
}
