namespace MlNetTransfer.Text;

/// <summary>
/// An inclusive range of n-gram lengths, as scikit-learn's <c>ngram_range=(min_n, max_n)</c>:
/// <c>new NgramRange(1, 2)</c> gives unigrams and bigrams.
/// </summary>
/// <param name="Min">The shortest n-gram (at least 1).</param>
/// <param name="Max">The longest n-gram (at least <paramref name="Min"/>).</param>
public readonly record struct NgramRange(int Min, int Max)
{
    /// <inheritdoc/>
    public override string ToString() => $"({Min}, {Max})";
}
