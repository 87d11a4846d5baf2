namespace MlNetTransfer.Text;

/// <summary>
/// A document-frequency bound for <see cref="TextVectorizerOptions.MinDocumentFrequency"/> and
/// <see cref="TextVectorizerOptions.MaxDocumentFrequency"/>, as scikit-learn's <c>min_df</c> / <c>max_df</c>: an
/// integer is a number of documents, a floating-point value a fraction of the fitted documents (in [0, 1]).
/// Converts implicitly from <see cref="int"/> and <see cref="double"/>, so <c>MinDocumentFrequency = 2</c> and
/// <c>MaxDocumentFrequency = 0.5</c> mean what they mean in scikit-learn.
/// </summary>
public readonly record struct DocumentFrequency
{
    private DocumentFrequency(int? count, double? fraction)
    {
        Count = count;
        Fraction = fraction;
    }

    /// <summary>The number of documents, when the bound is a count.</summary>
    public int? Count { get; }

    /// <summary>The fraction of documents, when the bound is a fraction.</summary>
    public double? Fraction { get; }

    /// <summary>A bound of <paramref name="documents"/> documents.</summary>
    public static DocumentFrequency Documents(int documents) => new(documents, null);

    /// <summary>A bound of a <paramref name="fraction"/> of the documents.</summary>
    public static DocumentFrequency Proportion(double fraction) => new(null, fraction);

    /// <summary>A count of documents.</summary>
    public static implicit operator DocumentFrequency(int documents) => Documents(documents);

    /// <summary>A fraction of the documents.</summary>
    public static implicit operator DocumentFrequency(double fraction) => Proportion(fraction);

    /// <summary>The bound in documents for a fit on <paramref name="documents"/> documents (scikit-learn: <c>max_df * n_doc</c>).</summary>
    internal double Resolve(int documents) => Count ?? Fraction!.Value * documents;

    /// <summary>The problem with this bound, or null.</summary>
    internal string? Problem(string option) =>
        Count is { } c && c < 0 ? $"{option} must be a count of at least 0 or a fraction in [0, 1], not {c}."
        : Fraction is { } f && !(f >= 0 && f <= 1) ? $"{option} must be a count of at least 0 or a fraction in [0, 1], not {f}."
        : Count is null && Fraction is null ? $"{option} must be a count or a fraction." : null;

    /// <inheritdoc/>
    public override string ToString() => Count is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Fraction is { } f ? f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "unset";
}
