using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: MlNetTransfer.PlainConsumer <model.zip> <image>...
//        MlNetTransfer.PlainConsumer --csv <model.zip> <data.csv>
// Prints one line per image (or CSV row, numbered from 1): path or row <TAB> PredictedLabel <TAB> Score values
// (round-trip format, comma-separated). A CSV is read with ML.NET's own TextLoader: the columns the model's saved input
// schema names, by their header position (comma-separated, quoted fields allowed, an empty number is NaN). For a
// regression model (a float Score, no PredictedLabel) each line is: path or row <TAB> Score (round-trip format).
// Or: MlNetTransfer.PlainConsumer --features <model.zip> <rows.csv>, for a model whose input is a float vector column
// 'Features' (a regression head on numbers): each line of rows.csv is one row's values (comma-separated, invariant
// culture); prints one line per row: the float Score (round-trip format). With a fourth argument naming a float vector
// column (--features <model.zip> <rows.csv> <column>, a feature-space step such as PCA), prints that column's values
// instead (comma-separated, round-trip format).
var ml = new MLContext(seed: 0);
if (args is ["--features", var featuresModel, var rowsPath, ..] && args.Length <= 4)
{
    var regression = ml.Model.Load(featuresModel, out var featuresSchema);
    using (regression as IDisposable)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition["Features"].ColumnType = featuresSchema["Features"].Type;
        var rows = File.ReadLines(rowsPath).Where(l => l.Length > 0)
            .Select(l => new FeatureRow { Features = l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray() }).ToList();
        var output = regression.Transform(ml.Data.LoadFromEnumerable(rows, definition));
        if (args.Length == 4)
            foreach (var vector in output.GetColumn<float[]>(args[3]))
                Console.WriteLine(string.Join(",", vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        else
            foreach (var score in output.GetColumn<float>("Score"))
                Console.WriteLine(score.ToString("R", CultureInfo.InvariantCulture));
    }
    return;
}
var csv = args[0] == "--csv";
var modelPath = csv ? args[1] : args[0];
using var model = (ml.Model.Load(modelPath, out var inputSchema) as TransformerChain<ITransformer>)
    ?? throw new InvalidOperationException("expected a transformer chain");
IDataView input;
IReadOnlyList<string> ids;
if (csv)
{
    var header = File.ReadLines(args[2]).First().Split(',').Select(h => h.Trim()).ToList();
    var columns = inputSchema.Select(c => new TextLoader.Column(c.Name, c.Type is NumberDataViewType ? DataKind.Single : DataKind.String,
        header.IndexOf(c.Name) is >= 0 and var index ? index : throw new InvalidOperationException($"the CSV has no column '{c.Name}'"))).ToArray();
    input = ml.Data.CreateTextLoader(new TextLoader.Options
    {
        Columns = columns,
        HasHeader = true,
        Separators = [','],
        AllowQuoting = true,
        MissingRealsAsNaNs = true,
    }).Load(args[2]);
    ids = Enumerable.Range(1, File.ReadLines(args[2]).Skip(1).Count(l => l.Length > 0)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
}
else
{
    input = ml.Data.LoadFromEnumerable(args.Skip(1).Select(path => new ImageInput { ImagePath = path }));
    ids = args.Skip(1).ToList();
}
var scored = model.Transform(input);
if (scored.Schema.GetColumnOrNull("PredictedLabel") is null && scored.Schema["Score"].Type == NumberDataViewType.Single)
{
    var row = 0;
    foreach (var score in scored.GetColumn<float>("Score"))
        Console.WriteLine($"{ids[row++]}\t{score.ToString("R", CultureInfo.InvariantCulture)}");
    return;
}
var labels = scored.GetColumn<string>("PredictedLabel").ToList();
var scores = scored.Schema["Score"].Type is VectorDataViewType
    ? scored.GetColumn<float[]>("Score").ToList()
    : scored.GetColumn<float>("Probability").Select(p => new[] { p }).ToList();
for (var i = 0; i < labels.Count; i++)
    Console.WriteLine($"{ids[i]}\t{labels[i]}\t{string.Join(",", scores[i].Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");

internal sealed class ImageInput
{
    public string ImagePath { get; set; } = "";
}

internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];
}
