using System.Globalization;
using MlNetTransfer.Workflows;
using Parquet;

namespace MlNetTransfer.Tests.Workflows;

public sealed class FeaturizeWorkflowTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Parquet_HoldsTheSameRowsAndValuesAsTheCsv()
    {
        var data = Path.Combine(_dir, "data");
        TestData.CopyClasses(data, "bag", "coat");
        var csv = Path.Combine(_dir, "f.csv");
        var parquet = Path.Combine(_dir, "f.parquet");
        Assert.Equal(60, FeaturizeWorkflow.Run(new FeaturizeOptions { Data = Path.Combine(data, "train"), Out = csv }));
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = Path.Combine(data, "train"), Out = parquet });

        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        await using var reader = await ParquetReader.CreateAsync(parquet);
        var fields = reader.Schema.DataFields;
        Assert.Equal(header, fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(60, group.RowCount);
        var ids = new string?[60];
        await group.ReadAsync(fields[0], ids.AsMemory());
        var slot7 = new float[60];
        await group.ReadAsync<float>(fields[2 + 7], slot7.AsMemory());
        for (var r = 0; r < 60; r++)
        {
            var cells = lines[r + 1].Split(',');
            Assert.Equal(cells[0], ids[r]);
            Assert.Equal(float.Parse(cells[2 + 7], CultureInfo.InvariantCulture), slot7[r]);
        }
    }
}
