using System.Globalization;
using MlNetTransfer.Heads;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// The small models the codegen tests generate code for, trained once per test collection in a temp folder: ResNet18 +
/// lr on 3 Fashion-MNIST images per class; a CSV classifier with numeric, categorical and text columns whose names
/// clash after sanitising (text: tf-idf, so the zip needs MlNetTransfer); a FastTree head on the penguins; a
/// regression on the Seattle weather.
/// </summary>
public sealed class CodegenModelsFixture : IDisposable
{
    /// <summary>The mixed CSV's columns, label last; the model's inputs are the others, in this order.</summary>
    public static readonly string[] MixedColumns = ["class", "2nd value", "a-b", "a b", "text column", "ModelInput", "label"];

    public CodegenModelsFixture()
    {
        Dir = TestData.TempDir();
        foreach (var (split, source, count) in new[] { ("train", TestData.FashionTrain, 3), ("test", TestData.FashionTest, 1) })
            foreach (var (path, label) in TestData.Images(source, count))
            {
                var target = Directory.CreateDirectory(Path.Combine(Dir, split, label)).FullName;
                File.Copy(path, Path.Combine(target, Path.GetFileName(path)));
            }
        TestImages = Directory.GetFiles(Path.Combine(Dir, "test"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        ImageZip = Path.Combine(Dir, "images.zip");
        TrainWorkflow.Run(new TrainOptions
        {
            Data = Path.Combine(Dir, "train"), Test = Path.Combine(Dir, "test"), Out = ImageZip, Trainer = HeadRegistry.Default.Get("lr"),
            CacheDir = Path.Combine(Dir, "cache"),
        });

        MixedZip = Path.Combine(Dir, "mixed.zip");
        MixedTestCsv = Path.Combine(Dir, "mixed-test.csv");
        File.WriteAllLines(Path.Combine(Dir, "mixed.csv"), MixedRows(1, 90));
        File.WriteAllLines(MixedTestCsv, MixedRows(2, 6));
        TrainWorkflow.Run(new TrainOptions
        {
            Data = Path.Combine(Dir, "mixed.csv"), Out = MixedZip, Label = "label", Trainer = HeadRegistry.Default.Get("lr"),
            NumericColumns = ["class", "2nd value", "ModelInput"], CategoricalColumns = ["a-b", "a b"], TextColumns = ["text column"],
            CacheDir = Path.Combine(Dir, "cache"),
        });

        FastTreeZip = Path.Combine(Dir, "penguins.zip");
        TrainWorkflow.Run(new TrainOptions { Data = TestData.Penguins, Label = "Species", Out = FastTreeZip, Trainer = HeadRegistry.Default.Get("fasttree") });

        RegressionZip = Path.Combine(Dir, "weather.zip");
        TrainWorkflow.Run(new TrainOptions { Data = TestData.SeattleWeather, Label = "temp_max", Out = RegressionZip });
    }

    /// <summary>Rows whose label follows a word of the text and the sign of 'class'; the other columns are noise.</summary>
    private static List<string> MixedRows(int seed, int count)
    {
        var random = new Random(seed);
        string[] words = ["great", "awful", "plain"];
        string[] labels = ["good", "bad", "ok"];
        var rows = new List<string> { string.Join(",", MixedColumns.Select(c => c.Contains(' ') ? $"\"{c}\"" : c)) };
        for (var i = 0; i < count; i++)
        {
            var k = i % 3;
            var value = (k - 1) * 2 + random.NextDouble();
            rows.Add(string.Join(",",
                value.ToString("0.000", CultureInfo.InvariantCulture),
                random.NextDouble().ToString("0.000", CultureInfo.InvariantCulture),
                "xyz"[random.Next(3)].ToString(),
                "pq"[random.Next(2)].ToString(),
                $"\"a {words[k]} item, {(random.Next(2) == 0 ? "red" : "blue")}\"",
                random.Next(100).ToString(CultureInfo.InvariantCulture),
                labels[k]));
        }
        return rows;
    }

    public string Dir { get; }

    public string ImageZip { get; }

    /// <summary>One test image per class.</summary>
    public IReadOnlyList<string> TestImages { get; }

    public string MixedZip { get; }

    /// <summary>Six rows of the mixed CSV (header first), label included.</summary>
    public string MixedTestCsv { get; }

    public string FastTreeZip { get; }

    public string RegressionZip { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>The codegen test classes share one set of trained models.</summary>
[CollectionDefinition(Name)]
public sealed class CodegenModelsCollection : ICollectionFixture<CodegenModelsFixture>
{
    public const string Name = "codegen models";
}
