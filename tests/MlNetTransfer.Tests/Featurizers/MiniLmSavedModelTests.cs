using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Featurizers;

public sealed class MiniLmSavedModelTests
{
    private static IDataView TextView(IReadOnlyList<string> texts) => new TableDataView(texts.Count).AddText("Text", texts);

    private static List<float[]> Column(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();

    [Fact]
    public void SavedZip_LoadsAfterRegistering_AndGivesTheFittedEmbeddings_OfKnownSize384()
    {
        var texts = MiniLmTexts.Mixed();
        var view = TextView(texts);
        var ml = new MLContext(1);
        var dir = TestData.TempDir();
        try
        {
            var zip = Path.Combine(dir, "minilm.zip");
            List<float[]> fitted;
            using (var model = (IDisposable)ml.Transforms.Text.ExtractTextEmbeddings("Embedding", BuiltInBackbones.MiniLm, "Text").Fit(view))
            {
                var transformed = ((ITransformer)model).Transform(view);
                var type = Assert.IsType<VectorDataViewType>(transformed.Schema["Embedding"].Type);
                Assert.Equal(NumberDataViewType.Single, type.ItemType);
                Assert.Equal(384, type.Size);
                Assert.DoesNotContain(transformed.Schema, c => c.Name.StartsWith("MlNetTransfer.", StringComparison.Ordinal) && !c.IsHidden);
                fitted = Column(transformed, "Embedding");
                ml.Model.Save((ITransformer)model, view.Schema, zip);
            }

            var consumer = ContractRegistry.RegisterAll(new MLContext(2));
            var loaded = consumer.Model.Load(zip, out var inputSchema);
            try
            {
                Assert.Equal("Text", Assert.Single(inputSchema).Name);
                var reloaded = Column(loaded.Transform(TextView(texts)), "Embedding");
                Assert.Equal(texts.Count, reloaded.Count);
                for (var i = 0; i < texts.Count; i++)
                {
                    Assert.Equal(384, reloaded[i].Length);
                    Assert.True(fitted[i].Zip(reloaded[i]).All(p => Math.Abs(p.First - p.Second) <= 1e-5), $"row {i + 1} differs after reload");
                    var norm = Math.Sqrt(reloaded[i].Sum(v => (double)v * v));
                    Assert.True(Math.Abs(norm - 1) < 1e-4, $"row {i + 1}: norm {norm}, expected 1 (L2-normalised)");
                }
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EngineEmbeddings_EqualTheSavedPipelinesPerRowEmbeddings_AndASecondRunIsAllCacheHits()
    {
        var texts = MiniLmTexts.Mixed();
        var backbone = BuiltInBackbones.MiniLm;
        var ml = new MLContext(1);
        var view = TextView(texts);
        List<float[]> perRow;
        using (var model = (IDisposable)ml.Transforms.Text.ExtractTextEmbeddings("E", backbone, "Text").Fit(view))
            perRow = Column(((ITransformer)model).Transform(view), "E");

        var dir = TestData.TempDir();
        try
        {
            using var cache = EmbeddingCache.Open(dir);
            using var engine = new BatchedTextEmbedder(backbone, batchSize: 8);
            var dataset = new Dataset("texts", texts.Select((_, i) => $"row {i + 1}").ToList(), null, [new DatasetColumn("Text", ColumnRole.Text, texts)]);
            var batched = engine.Embed(dataset, "Text", "embedding", cache: cache);

            Assert.Equal(texts.Count, batched.Length);
            for (var i = 0; i < texts.Count; i++)
            {
                var maxDiff = perRow[i].Zip(batched[i]).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= 1e-4, $"row {i + 1} ({texts[i][..Math.Min(30, texts[i].Length)]}): max abs diff {maxDiff}");
            }
            Assert.Equal(texts.Count, engine.TextsRun);
            Assert.Equal(0, engine.CacheHits);
            // Dynamic padding: far fewer token positions than padding every text to the max length.
            Assert.True(engine.TokensRun < texts.Count * backbone.Text!.MaxLength / 2, $"{engine.TokensRun} token positions");

            var batches = engine.BatchesRun;
            var again = engine.Embed(texts, cache: cache);
            Assert.Equal(texts.Count, engine.CacheHits);
            Assert.Equal(texts.Count, engine.TextsRun);
            Assert.Equal(batches, engine.BatchesRun);
            Assert.Equal(batched, again);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Engine_RunsEachDistinctTextOnce_AndKeepsInputOrder()
    {
        using var engine = new BatchedTextEmbedder(BuiltInBackbones.MiniLm, batchSize: 4);
        string?[] texts = ["b longer text here", "a", null, "b longer text here", "", "a"];
        var result = engine.Embed(texts);
        Assert.Equal(3, engine.TextsRun); // "b…", "a", "" (null is the empty string)
        Assert.Equal(result[0], result[3]);
        Assert.Equal(result[1], result[5]);
        Assert.Equal(result[2], result[4]);
        Assert.NotEqual(result[0], result[1]);
        var single = engine.Embed(["a"]);
        Assert.True(single[0].Zip(result[1]).All(p => Math.Abs(p.First - p.Second) <= 1e-5));
    }

    [Fact]
    public void Tokenizer_IsUncasedWordPieceWithAccentsStripped_AndTruncatesAtTheMaxLength()
    {
        var backbone = BuiltInBackbones.MiniLm;
        var tokenizer = BertTextTokenizer.For(backbone);
        var vocab = File.ReadAllLines(backbone.VocabPath!);
        string Decode(int[] ids) => string.Join(" ", ids.Select(i => vocab[i]));

        Assert.Equal("[CLS] hello , world ! cafe naive [SEP]", Decode(tokenizer.Encode("Hello, WORLD! Café naïve")));
        Assert.Equal("[CLS] [SEP]", Decode(tokenizer.Encode(null)));
        Assert.Equal("[CLS] [SEP]", Decode(tokenizer.Encode("")));
        var longIds = tokenizer.Encode(string.Join(" ", Enumerable.Repeat("word", 1000)));
        Assert.Equal(256, longIds.Length);
        Assert.Equal("[SEP]", vocab[longIds[^1]]);
        Assert.Equal(254, longIds.Count(i => vocab[i] == "word"));
    }

    [Fact]
    public void Manifest_IsATextBackbone_WhoseGraphOutputsThePooledEmbedding()
    {
        var backbone = BuiltInBackbones.MiniLm;
        Assert.Equal("text", backbone.Kind);
        Assert.Equal(384, backbone.EmbeddingSize);
        Assert.Equal(256, backbone.Text!.MaxLength);
        var model = OnnxGraphs.Read(backbone.ModelPath);
        Assert.Equal(["input_ids", "attention_mask", "token_type_ids"], OnnxGraphs.Inputs(model).Select(i => i.Name));
        Assert.All(OnnxGraphs.Inputs(model), i => Assert.Equal("int64", i.ElementType));
        var output = Assert.Single(OnnxGraphs.Outputs(model));
        Assert.Equal("embedding", output.Name);
        Assert.Equal(["batch", "384"], output.Shape);
    }

    [Fact]
    public void TextBackbone_WithoutATextSection_IsRejectedNamingTheFile()
    {
        var dir = TestData.TempDir();
        try
        {
            var json = Path.Combine(dir, "t.json");
            File.WriteAllText(json, """{ "name": "t", "kind": "text", "file": "t.onnx", "input": "input_ids", "output": "embedding", "embeddingSize": 8 }""");
            var e = Assert.Throws<UserInputException>(() => BackboneManifest.Load(json));
            Assert.Contains(json, e.Message);
            Assert.Contains("\"text\"", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
