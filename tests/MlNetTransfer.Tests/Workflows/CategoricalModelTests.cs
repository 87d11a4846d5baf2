using MlNetTransfer.Common;
using MlNetTransfer.Workflows;
using Parquet;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>A penguins classifier trained once on a split of the shipped CSV (Island and Sex detected categorical, the measurements numeric).</summary>
public sealed class PenguinModelFixture : IDisposable
{
    public PenguinModelFixture()
    {
        var lines = File.ReadAllLines(TestData.Penguins);
        var rows = lines.Skip(1).ToList();
        File.WriteAllLines(Train, [lines[0], .. rows.Where((_, i) => i % 5 != 2)]);
        File.WriteAllLines(Test, [lines[0], .. rows.Where((_, i) => i % 5 == 2)]);
        Result = TrainWorkflow.Run(new TrainOptions { Data = Train, Test = Test, Label = "Species", Out = Path.Combine(Dir, "penguins.zip") },
            new SynchronousProgress<WorkflowProgress>(Reports.Add));
    }

    public string Dir { get; } = TestData.TempDir();

    /// <summary>Four rows of every five of penguins.csv.</summary>
    public string Train => Path.Combine(Dir, "train.csv");

    /// <summary>The fifth rows (69), held out.</summary>
    public string Test => Path.Combine(Dir, "test.csv");

    public List<WorkflowProgress> Reports { get; } = [];

    public TrainResult Result { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>
/// Categorical columns end to end: a classifier on penguins (categorical + numeric columns), its zip run by a plain
/// ML.NET app, values the training data never had, and featurize's one-hot slot names.
/// </summary>
public sealed class CategoricalModelTests(PenguinModelFixture penguins) : IClassFixture<PenguinModelFixture>, IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Header = "Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex";

    [Fact]
    public void Penguins_IslandAndSexOneHot_PlusTheNumbers_ClassifyTheHeldOutRows()
    {
        var note = Assert.Single(penguins.Reports, r => r.Stage == "Data" && r.Detail!.StartsWith("Columns of 'train.csv'", StringComparison.Ordinal)).Detail!;
        Assert.Contains("Island: categorical (detected: 3 distinct short values)", note);
        Assert.Contains("Sex: categorical (detected: 2 distinct short values; 10 empty cells, a missing category)", note);
        var metrics = penguins.Result.Metrics;
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], metrics.Labels);
        Assert.Equal(69, metrics.Examples);
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy}");
    }

    [Fact]
    public void PlainMlNetApp_ReadsTheCsvWithTextLoader_AndPredictsAsTheTrainingRun()
    {
        var expected = penguins.Result.TestPredictions;
        var plain = PlainMlNetProcess.PredictCsv(penguins.Result.ModelPath, penguins.Test);
        Assert.Equal(expected.Select(p => p.Id), plain.Select(p => p.Path));
        PlainMlNetProcess.AssertPredictsAsTheTrainingRun(plain, expected, 1e-5f);
    }

    [Fact]
    public void TheReloadedZip_EvaluatesAndPredictsAsTheTrainingRun()
    {
        MetricsAssert.SameOutcome(penguins.Result.Metrics, EvaluateWorkflow.Run(penguins.Result.ModelPath, penguins.Test, "Species"));
        var predicted = PredictWorkflow.Many(penguins.Result.ModelPath, penguins.Test, Path.Combine(_dir, "p.csv"));
        Assert.Equal(penguins.Result.TestPredictions.Select(p => p.Predicted), predicted.Select(p => p.Predicted));
    }

    /// <summary>An island the training data never had and empty categorical cells are all-zero slots: a prediction, no error.</summary>
    [Fact]
    public void AnUnseenValue_OrEmptyCells_StillGetAPrediction()
    {
        var csv = Path.Combine(_dir, "new.csv");
        File.WriteAllLines(csv, [Header,
            "Adelie,Anvers,39.1,18.7,181,3750,MALE",       // Anvers: not in the training data
            "Gentoo,,46.1,13.2,211,4500,",                 // island and sex empty
            "Chinstrap,Dream,49.5,19.0,200,3800,UNKNOWN", // a sex never seen
        ]);
        var predictions = PredictWorkflow.Many(penguins.Result.ModelPath, csv, Path.Combine(_dir, "p.csv"));
        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], predictions.Select(p => p.Predicted));
        Assert.All(predictions, p => Assert.Equal(1, p.Probabilities.Sum(), 1e-5));
        var metrics = EvaluateWorkflow.Run(penguins.Result.ModelPath, csv, "Species");
        Assert.Equal(3, metrics.Examples);
        Assert.Equal(["Adelie", "Gentoo", "Chinstrap"], PlainMlNetProcess.PredictCsv(penguins.Result.ModelPath, csv).Select(p => p.Predicted));
    }

    [Fact]
    public async Task Featurize_NamesEachOneHotSlot_ColumnEqualsValue_InCsvAndParquet()
    {
        var data = Path.Combine(_dir, "z.csv");
        string[] zips = ["98101", "98052", ""];
        File.WriteAllLines(data, ["zip,size,label", .. Enumerable.Range(0, 12).Select(i => $"{zips[i % 3]},{i},{(i % 2 == 0 ? "a" : "b")}")]);
        var csv = Path.Combine(_dir, "f.csv");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data, Out = csv, CategoricalColumns = ["zip"], NumericColumns = ["size"] });
        var lines = File.ReadAllLines(csv);
        Assert.Equal("path_or_row,label,numeric:size,zip=98052,zip=98101", lines[0]);
        Assert.EndsWith(",0,1", lines[1]);  // 98101
        Assert.EndsWith(",1,0", lines[2]);  // 98052
        Assert.EndsWith(",0,0", lines[3]);  // empty: a missing category

        var parquet = Path.Combine(_dir, "f.parquet");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data, Out = parquet, CategoricalColumns = ["zip"], NumericColumns = ["size"] });
        await using var reader = await ParquetReader.CreateAsync(parquet);
        Assert.Equal(lines[0].Split(','), reader.Schema.DataFields.Select(f => f.Name));
    }
}
