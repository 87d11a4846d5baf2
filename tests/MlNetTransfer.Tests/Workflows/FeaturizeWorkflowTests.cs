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

    /// <summary>
    /// One scheme for text slots, whatever else is featurized beside them: <c>&lt;column&gt;.&lt;featurizer&gt;:&lt;term&gt;</c>,
    /// with <c>word:</c> / <c>char:</c> before the term for the two vocabularies of tfidf; never ML.NET's internal
    /// <c>mlnt.text.*</c> names, never a bare term.
    /// </summary>
    [Fact]
    public void TextSlots_AreNamedColumnFeaturizerTerm_AloneOrBesideOtherParts()
    {
        var csv = Path.Combine(_dir, "t.csv");
        File.WriteAllLines(csv, ["message,size,label", "free cash now,1,spam", "meeting at noon,2,ham", "cash prize free,3,spam", "lunch at noon,4,ham"]);
        string[] Header(params string[] featurizers)
        {
            var output = Path.Combine(_dir, $"f{featurizers.Length}{featurizers[0]}.csv");
            FeaturizeWorkflow.Run(new FeaturizeOptions { Data = csv, Out = output, TextFeaturizers = featurizers });
            return File.ReadLines(output).First().Split(',')[2..].Select(n => n.Trim('"')).ToArray(); // names with a space are quoted
        }
        var count = Header("sklearn-count");
        Assert.Equal(["message.sklearn-count:at", "message.sklearn-count:cash", "message.sklearn-count:free", "message.sklearn-count:lunch",
            "message.sklearn-count:meeting", "message.sklearn-count:noon", "message.sklearn-count:now", "message.sklearn-count:prize", "numeric:size"], count);
        var tfidf = Header("tfidf");
        Assert.Contains("message.tfidf:word:free", tfidf);
        Assert.Contains("message.tfidf:word:free cash", tfidf);
        Assert.Contains("message.tfidf:char: fr", tfidf);
        Assert.All(tfidf[..^1], name => Assert.Matches("^message\\.tfidf:(word|char):", name));
        Assert.DoesNotContain(tfidf, name => name.Contains("mlnt.", StringComparison.Ordinal));
        // Side by side, each part keeps the names it has alone.
        Assert.Equal([.. tfidf[..^1], .. count], Header("tfidf", "sklearn-count"));
    }
}
