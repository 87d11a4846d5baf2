using Microsoft.ML;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>
/// (a) Stock ML.NET: <c>LoadImages -&gt; ResizeImages(224, 224) -&gt; ExtractPixels -&gt; DnnFeaturizeImage(ResNet18)</c>, the chain
/// an ML.NET user writes without this library (ML.NET's two ONNX graphs, preprocess and ResNet18, one row per call each).
/// </summary>
internal sealed class StockVariant : IFeaturizeVariant
{
    private readonly ITransformer _model;

    public StockVariant(Dataset images)
    {
        var ml = new MLContext(seed: 0);
        var input = images.ToDataView(includeLabel: false);
        // Built inside the timed setup: DnnFeaturizeImage creates its ONNX sessions when the estimator is made, not at Fit.
        (_model, Setup) = Measure.Once(() => (ITransformer)ml.Transforms.LoadImages("Image", null, Dataset.ImagePathColumn)
            .Append(ml.Transforms.ResizeImages("Resized", 224, 224, "Image"))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Resized"))
            .Append(ml.Transforms.DnnFeaturizeImage("Features", m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), "Pixels"))
            .Fit(input));
    }

    public string Key => "a";

    public string Name => "stock ML.NET DnnFeaturizeImage(ResNet18)";

    public TimeSpan Setup { get; }

    public float[][] Run(Dataset images) => Views.ReadVectors(_model.Transform(images.ToDataView(includeLabel: false)), "Features", images.Count);

    public void Dispose() => (_model as IDisposable)?.Dispose();
}
