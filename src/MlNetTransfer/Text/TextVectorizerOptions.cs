namespace MlNetTransfer.Text;

/// <summary>
/// Options of the text vectorizer (<see cref="TextVectorizerCatalog.Vectorize"/>). The defaults are scikit-learn's
/// <c>TfidfVectorizer()</c>; <see cref="TextVectorizerPresets"/> holds the named presets. A word part and a char part can be
/// on together: each is weighted (and normalised) on its own and the two are concatenated, word part first, as a
/// scikit-learn <c>FeatureUnion</c> of two vectorizers would.
/// </summary>
public sealed record TextVectorizerOptions
{
    /// <summary>Counts or tf-idf. Default: <see cref="TextWeighting.TfIdf"/>.</summary>
    public TextWeighting Weighting { get; init; } = TextWeighting.TfIdf;

    /// <summary>Lower-case the text first (Python's <c>str.lower()</c>). Default: true.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>
    /// Word n-gram lengths (1..3) over the tokens of <c>(?u)\b\w\w+\b</c>, or null for no word part.
    /// Default: (1, 1).
    /// </summary>
    public NgramRange? WordNgrams { get; init; } = new NgramRange(1, 1);

    /// <summary>
    /// Character n-gram lengths (1..5) inside word boundaries (scikit-learn's <c>analyzer='char_wb'</c>: each
    /// whitespace-separated word padded with a space on each side), or null for no char part. Default: null.
    /// </summary>
    public NgramRange? CharNgrams { get; init; }

    /// <summary>
    /// Words removed from the tokens before n-grams are formed (word part only), or null. Matching ignores case.
    /// <see cref="TextStopWords.English"/> is scikit-learn's list. Default: null.
    /// </summary>
    public IReadOnlyList<string>? StopWords { get; init; }

    /// <summary>Snowball (Porter2) English stemming of the tokens, after stop-word removal (word part only). Default: false.</summary>
    public bool Stem { get; init; }

    /// <summary>Terms in fewer documents are dropped (scikit-learn's <c>min_df</c>). Default: 1 document.</summary>
    public DocumentFrequency MinDocumentFrequency { get; init; } = 1;

    /// <summary>Terms in more documents are dropped (scikit-learn's <c>max_df</c>). Default: 1.0 (all documents).</summary>
    public DocumentFrequency MaxDocumentFrequency { get; init; } = 1.0;

    /// <summary>
    /// Keep only this many terms (per part), the most frequent in the fitted corpus (scikit-learn's <c>max_features</c>,
    /// ties broken as it does), or null for all. Default: null.
    /// </summary>
    public int? MaxFeatures { get; init; }

    /// <summary>Every non-zero count becomes 1 (scikit-learn's <c>binary</c>). Default: false.</summary>
    public bool Binary { get; init; }

    /// <summary>A count c becomes 1 + ln(c) (scikit-learn's <c>sublinear_tf</c>; ignored with <see cref="Binary"/>). Default: false.</summary>
    public bool SublinearTf { get; init; }

    /// <summary>Scale each part of each row to unit L2 norm (an all-zero row stays zero). Default: true.</summary>
    public bool L2Normalize { get; init; } = true;

    /// <summary>Every problem with these options, one per line, or an empty list.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (WordNgrams is null && CharNgrams is null)
            problems.Add("Text vectorizer: set WordNgrams, CharNgrams or both; neither is set.");
        if (WordNgrams is { } w && !(w.Min >= 1 && w.Min <= w.Max && w.Max <= 3))
            problems.Add($"Text vectorizer: WordNgrams must satisfy 1 <= min <= max <= 3, not {w}.");
        if (CharNgrams is { } c && !(c.Min >= 1 && c.Min <= c.Max && c.Max <= 5))
            problems.Add($"Text vectorizer: CharNgrams must satisfy 1 <= min <= max <= 5, not {c}.");
        if (MinDocumentFrequency.Problem("MinDocumentFrequency") is { } min) problems.Add("Text vectorizer: " + min);
        if (MaxDocumentFrequency.Problem("MaxDocumentFrequency") is { } max) problems.Add("Text vectorizer: " + max);
        if (MaxFeatures is { } m && m < 1)
            problems.Add($"Text vectorizer: MaxFeatures must be at least 1 (or unset), not {m}.");
        if (StopWords is { } s && s.Any(string.IsNullOrWhiteSpace))
            problems.Add("Text vectorizer: StopWords must not contain empty or blank words.");
        return problems;
    }
}
