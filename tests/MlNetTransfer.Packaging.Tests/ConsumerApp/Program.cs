using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Plots;

// Trains frozen ResNet18 embeddings + a stock ML.NET trainer on the first <per-class> images of each class folder of
// <train>, predicts the next image of each class, and draws the training confusion matrix to <chart.png>.
// Usage: ConsumerApp <train dir> <per-class> <chart.png>
var (root, perClass, chartPath) = (args[0], int.Parse(args[1]), args[2]);
var classes = Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList();
List<ImageRow> Take(int skip, int count) => classes.SelectMany(folder => Directory.GetFiles(folder).Order(StringComparer.Ordinal)
    .Skip(skip).Take(count).Select(path => new ImageRow { ImagePath = path, Label = Path.GetFileName(folder) })).ToList();

var ml = new MLContext(seed: 0);
var train = ml.Data.LoadFromEnumerable(Take(0, perClass));
var labelKeys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
var pipeline = ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath")
    .AppendCacheCheckpoint(ml)
    .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
using var model = (IDisposable)pipeline.Fit(labelKeys.Transform(train));
var transformer = (ITransformer)model;

var metrics = ml.MulticlassClassification.Evaluate(transformer.Transform(labelKeys.Transform(train)));
Console.WriteLine($"training accuracy {metrics.MicroAccuracy:F3} on {classes.Count * perClass} images");
var labels = classes.Select(Path.GetFileName).ToList();
var counts = metrics.ConfusionMatrix.Counts.Select(row => (IReadOnlyList<int>)row.Select(n => (int)n).ToList()).ToList();
ChartFile.Save(ConfusionMatrixChart.Create(labels!, counts), chartPath);
Console.WriteLine($"chart {chartPath}");

var engine = ml.Model.CreatePredictionEngine<ImageRow, ImagePrediction>(transformer);
foreach (var row in Take(perClass, 1))
    Console.WriteLine($"predicted {Path.GetFileName(row.ImagePath)} ({row.Label}) -> {engine.Predict(row).PredictedLabel}");

/// <summary>An image and its class.</summary>
public sealed class ImageRow
{
    public string ImagePath { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>What the model predicts.</summary>
public sealed class ImagePrediction
{
    public string PredictedLabel { get; set; } = "";
}
