using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: MlNetTransfer.PlainConsumer <model.zip> <image>...
// Prints one line per image: path <TAB> PredictedLabel <TAB> Score values (round-trip format, comma-separated).
// Or: MlNetTransfer.PlainConsumer --features <model.zip> <rows.csv>, for a model whose input is a float vector column
// 'Features' (a regression head on numbers): each line of rows.csv is one row's values (comma-separated, invariant
// culture); prints one line per row: the float Score (round-trip format).
var ml = new MLContext(seed: 0);
if (args is ["--features", var modelPath, var rowsPath])
{
    var regression = ml.Model.Load(modelPath, out var inputSchema);
    using (regression as IDisposable)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition["Features"].ColumnType = inputSchema["Features"].Type;
        var rows = File.ReadLines(rowsPath).Where(l => l.Length > 0)
            .Select(l => new FeatureRow { Features = l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray() }).ToList();
        foreach (var score in regression.Transform(ml.Data.LoadFromEnumerable(rows, definition)).GetColumn<float>("Score"))
            Console.WriteLine(score.ToString("R", CultureInfo.InvariantCulture));
    }
    return;
}
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

internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}
