using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: MlNetTransfer.PlainConsumer <model.zip> <image>...
// Prints one line per image: path <TAB> PredictedLabel <TAB> Score values (round-trip format, comma-separated).
var ml = new MLContext(seed: 0);
using var model = (ml.Model.Load(args[0], out _) as TransformerChain<ITransformer>)
    ?? throw new InvalidOperationException("expected a transformer chain");
var input = ml.Data.LoadFromEnumerable(args.Skip(1).Select(path => new ImageInput { ImagePath = path }));
var scored = model.Transform(input);
var labels = scored.GetColumn<string>("PredictedLabel").ToList();
var scores = scored.Schema["Score"].Type is VectorDataViewType
    ? scored.GetColumn<float[]>("Score").ToList()
    : scored.GetColumn<float>("Probability").Select(p => new[] { p }).ToList();
for (var i = 0; i < labels.Count; i++)
    Console.WriteLine($"{args[i + 1]}\t{labels[i]}\t{string.Join(",", scores[i].Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");

internal sealed class ImageInput
{
    public string ImagePath { get; set; } = "";
}
