// begin-snippet: int8-calibrated
using MlNetTransfer.Workflows;
// end-snippet

namespace MlNetTransfer.Samples;

/// <summary>README: an int8 ResNet18 calibrated on the training images (<c>--quantize int8</c> from code).</summary>
public static class Int8Calibrated
{
    public static string Run(SampleData data, string folder)
    {
        var myPhotos = data.FashionTest; // 100 images: 80 train, 20 held out
        var modelZip = Path.Combine(folder, "int8.zip");

        // begin-snippet: int8-calibrated
        var result = TrainWorkflow.Run(new TrainOptions
        {
            Data = myPhotos, Out = modelZip, Backbones = ["resnet18"],
            Quantize = new QuantizeOptions { CalibrationImages = 200 },   // int8, calibrated on up to 200 training images
        });
        foreach (var q in result.Quantized)
            Console.WriteLine($"{q.Name}: calibrated on {q.CalibrationImages} of {q.TrainingExamples} training images, sha256 {q.Sha256}");
        // end-snippet

        var quantized = result.Quantized.Single();
        SampleData.Check(quantized.CalibrationImages == result.TrainExamples && File.Exists(modelZip), "int8 backbone calibrated on every training image, model written");
        return $"{quantized.Name}, test accuracy {result.Metrics.Accuracy:F3}";
    }
}
