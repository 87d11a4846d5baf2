// Runs every sample, each on the data shipped in data/, and checks its outcome; prints one "ok:" line per sample.
// Usage: dotnet run -- <repo>/data <output folder> [sample…]
using MlNetTransfer.Samples;

var data = args.Length > 0 ? args[0] : "data";
var output = Directory.CreateDirectory(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "mlnet-transfer-samples")).FullName;
var samples = new Dictionary<string, Func<SampleData, string, string>>
{
    ["image-classification"] = ImageClassification.Run,
    ["text-classification"] = TextClassification.Run,
    ["sentence-embeddings"] = SentenceEmbeddings.Run,
    ["pca-in-the-middle"] = PcaInTheMiddle.Run,
    ["mlp-head"] = MlpHeadSample.Run,
    ["prediction-in-an-app"] = PredictionInAnApp.Run,
    ["screening-bad-images"] = ScreeningBadImages.Run,
    ["workflows"] = Workflows.Run,
    ["int8-calibrated"] = Int8Calibrated.Run,
};
var chosen = args.Length > 2 ? args[2..] : samples.Keys.ToArray();
var sampleData = new SampleData(Path.GetFullPath(data));
foreach (var name in chosen)
{
    var folder = Directory.CreateDirectory(Path.Combine(output, name)).FullName;
    Console.WriteLine($"ok: {name}: {samples[name](sampleData, folder)}");
}
