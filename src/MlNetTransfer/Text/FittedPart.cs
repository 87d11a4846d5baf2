using System.Numerics.Tensors;

namespace MlNetTransfer.Text;

/// <summary>
/// One fitted part (word or char) of the vectorizer: its analyzer, vocabulary and the per-slot idf scale, and the
/// weighting of a document's term counts exactly as the saved steps compute it, float operation for float operation:
/// <c>MapKeyToVector</c> counts; the <c>Expression</c> step's binary (1) or sublinear (1 + ln c, in single precision)
/// tf; <c>NormalizeMinMax</c>'s multiplication by its fitted scale (single-precision 1 / (1 / idf)); and
/// <c>NormalizeLpNorm</c>'s L2 step: the single-precision sum of squares, its square root, and multiplication by the
/// reciprocal (left at 1 below 1e-8). The sum of squares is <see cref="TensorPrimitives.SumOfSquares(ReadOnlySpan{float})"/>;
/// ML.NET adds in its own SIMD order, which depends on the CPU (AVX, AVX-512, SSE), so the two paths agree to a few
/// units in the last place (|difference| &lt;= 1e-6 per value, tested), not bit for bit, and predicted labels agree exactly.
/// </summary>
internal sealed class FittedPart
{
    /// <summary>ML.NET's LpNorm normalizer does not scale by less than this.</summary>
    private const float MinScale = 1e-8f;

    private readonly TextVectorizerOptions _options;

    public FittedPart(PartAnalyzer analyzer, Vocabulary vocabulary, TextVectorizerOptions options)
    {
        Analyzer = analyzer;
        Vocabulary = vocabulary;
        _options = options;
        if (options.Weighting == TextWeighting.TfIdf)
        {
            InverseIdf = new float[vocabulary.Terms.Length];
            Scale = new float[vocabulary.Terms.Length];
            for (var j = 0; j < InverseIdf.Length; j++)
            {
                InverseIdf[j] = (float)(1.0 / vocabulary.Idf(j));
                Scale[j] = 1f / InverseIdf[j];
            }
        }
    }

    public PartAnalyzer Analyzer { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Number of slots of this part.</summary>
    public int Size => Vocabulary.Terms.Length;

    /// <summary>1 / idf per slot in single precision: the values the saved idf step (NormalizeMinMax) is fitted on; null for counts.</summary>
    public float[]? InverseIdf { get; }

    /// <summary>The idf step's per-slot scale (the reciprocal of <see cref="InverseIdf"/> in single precision); null for counts.</summary>
    public float[]? Scale { get; }

    /// <summary>The feature values of one document from its term counts at sorted <paramref name="slots"/>, into <paramref name="values"/>.</summary>
    public void Weigh(ReadOnlySpan<int> slots, ReadOnlySpan<int> counts, Span<float> values)
    {
        for (var k = 0; k < slots.Length; k++)
        {
            float tf = counts[k];
            if (_options.Binary) tf = 1f;
            else if (_options.SublinearTf) tf = 1f + MathF.Log(tf);
            values[k] = Scale is null ? tf : tf * Scale[slots[k]];
        }
        if (!_options.L2Normalize || values.IsEmpty) return;
        var norm = MathF.Sqrt(TensorPrimitives.SumOfSquares(values[..slots.Length]));
        var scale = 1f;
        if (norm > 0) scale /= norm;
        if (scale < MinScale) scale = 1;
        for (var k = 0; k < slots.Length; k++) values[k] = scale * values[k];
    }
}
