using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <see cref="ModelFile.Save"/> writes the <see cref="TrainingRecord"/> entry into the zip ML.NET wrote, stock
/// <c>Model.Load</c> ignores it, <see cref="ModelFile.Training"/> reads it back (null for a zip without it), and a
/// dataset records its label column as the file spells it.
/// </summary>
public sealed class TrainingRecordTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly float[] Values = [3, 1, 4, 1, 5, 9, 2, 6];

    /// <summary>A stock one-step pipeline (min-max normalisation of <c>x</c>) fitted on <see cref="Values"/>, and its input.</summary>
    private static (ITransformer Model, IDataView Input) Pipeline(MLContext ml)
    {
        var input = new TableDataView(Values.Length).AddSingle("x", Values);
        return (ml.Transforms.NormalizeMinMax("x").Fit(input), input);
    }

    private static IReadOnlyList<string> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Save_AddsTheRecordToMlNetsEntries_StockLoadIgnoresIt_AndModelFileReadsItBack()
    {
        var ml = new MLContext(0);
        var (model, input) = Pipeline(ml);
        var stock = Path.Combine(_dir, "stock.zip");
        var ours = Path.Combine(_dir, "ours.zip");
        ml.Model.Save(model, input.Schema, stock);
        ModelFile.Save(ml, model, input.Schema, new TrainingRecord("temp_max"), ours);

        Assert.Equal(Entries(stock).Append(TrainingRecord.EntryName).Order(StringComparer.Ordinal), Entries(ours));
        using (var archive = ZipFile.OpenRead(ours))
        using (var json = JsonDocument.Parse(archive.GetEntry(TrainingRecord.EntryName)!.Open()))
            Assert.Equal("temp_max", json.RootElement.GetProperty("labelColumn").GetString());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories)); // one atomic write, no temp file left

        // Stock ML.NET loads the zip and computes what the fitted pipeline computes.
        var loaded = new MLContext(1).Model.Load(ours, out var schema);
        Assert.Equal(["x"], schema.Select(c => c.Name));
        var expected = model.Transform(input).GetColumn<float>("x").ToList();
        Assert.Equal(expected, loaded.Transform(input).GetColumn<float>("x").ToList());
        Assert.All(expected.Zip(Values), p => Assert.Equal(p.Second / 9, p.First, 1e-6)); // min-max, zero kept: x / max

        using var file = ModelFile.Load(ml, ours);
        Assert.Equal(new TrainingRecord("temp_max"), file.Training);
        using var plain = ModelFile.Load(ml, stock);
        Assert.Null(plain.Training);
    }

    [Fact]
    public void ARecordWithoutAColumn_IsStillARecord_AndAnUnreadableOneNamesTheZipAndEntry()
    {
        var ml = new MLContext(0);
        var (model, input) = Pipeline(ml);
        var folders = Path.Combine(_dir, "folders.zip");
        ModelFile.Save(ml, model, input.Schema, new TrainingRecord(null), folders);
        using (var file = ModelFile.Load(ml, folders))
            Assert.Equal(new TrainingRecord(null), file.Training);
        Assert.StartsWith("not a CSV column (trained on class-folder names or features files)", InspectWorkflow.Model(folders).Label);

        var broken = Path.Combine(_dir, "broken.zip");
        ml.Model.Save(model, input.Schema, broken);
        using (var archive = ZipFile.Open(broken, ZipArchiveMode.Update))
        using (var writer = new StreamWriter(archive.CreateEntry(TrainingRecord.EntryName).Open()))
            writer.Write("[\"temp_max\"]");
        using var loaded = ModelFile.Load(ml, broken); // the pipeline loads; only the record is unreadable
        var error = Assert.Throws<UserInputException>(() => loaded.Training);
        Assert.Contains($"'{broken}': its training record ('{TrainingRecord.EntryName}') is not the JSON this version writes", error.Message);
        Assert.Contains("pass --label", error.Message);
        // inspect still describes the model, saying the record is unreadable.
        Assert.StartsWith($"unreadable: '{broken}': its training record", InspectWorkflow.Model(broken).Label);
    }

    [Fact]
    public void TheRecordedLabelColumn_IsTheFilesSpelling_OrNullForClassFolders()
    {
        var csv = Path.Combine(_dir, "data.csv");
        File.WriteAllLines(csv, ["text,LABEL", .. Enumerable.Range(0, 6).Select(i => $"word{i % 3} other,{(i % 2 == 0 ? "a" : "b")}")]);
        Assert.Equal(new TrainingRecord("LABEL"), TrainingRecord.Of(DatasetLoader.Load(csv))); // found by the any-case rule
        Assert.Equal(new TrainingRecord("text"), TrainingRecord.Of(DatasetLoader.Load(csv, new DatasetOptions { LabelColumn = "text", TextColumns = ["LABEL"] })));
        var (train, _) = DatasetLoader.Load(csv).Split(0.5, 0);
        Assert.Equal("LABEL", train.LabelColumnName); // kept by subsets
        Assert.Equal(new TrainingRecord(null), TrainingRecord.Of(DatasetLoader.Load(TestData.FashionTest)));
    }
}
