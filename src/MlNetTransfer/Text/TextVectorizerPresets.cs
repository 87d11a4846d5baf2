namespace MlNetTransfer.Text;

/// <summary>
/// The named text featurizers of the CLI (<c>bow</c>, <c>tfidf</c>, <c>sklearn-count</c>, <c>sklearn-tfidf</c>) as
/// <see cref="TextVectorizerOptions"/> presets, and their parser.
/// </summary>
public static class TextVectorizerPresets
{
    /// <summary>The names <see cref="Parse"/> accepts, in the order shown to users.</summary>
    public static IReadOnlyList<string> Names { get; } = ["bow", "tfidf", "sklearn-count", "sklearn-tfidf"];

    /// <summary>
    /// <c>tfidf</c>, the default: lower-cased word 1-2-grams and char_wb 3-grams, each part tf-idf weighted and
    /// L2-normalised, concatenated (a scikit-learn FeatureUnion of <c>TfidfVectorizer(ngram_range=(1, 2))</c> and
    /// <c>TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 3))</c>).
    /// </summary>
    public static TextVectorizerOptions TfIdf { get; } = new()
    {
        Weighting = TextWeighting.TfIdf,
        WordNgrams = new NgramRange(1, 2),
        CharNgrams = new NgramRange(3, 3),
        L2Normalize = true,
    };

    /// <summary><c>bow</c>: the same terms as <see cref="TfIdf"/>, raw counts, no normalisation.</summary>
    public static TextVectorizerOptions Bow { get; } = TfIdf with { Weighting = TextWeighting.Count, L2Normalize = false };

    /// <summary><c>sklearn-count</c>: exactly scikit-learn's <c>CountVectorizer()</c>.</summary>
    public static TextVectorizerOptions SklearnCount { get; } = new()
    {
        Weighting = TextWeighting.Count,
        WordNgrams = new NgramRange(1, 1),
        L2Normalize = false,
    };

    /// <summary><c>sklearn-tfidf</c>: exactly scikit-learn's <c>TfidfVectorizer()</c>.</summary>
    public static TextVectorizerOptions SklearnTfIdf { get; } = new()
    {
        Weighting = TextWeighting.TfIdf,
        WordNgrams = new NgramRange(1, 1),
        L2Normalize = true,
    };

    /// <summary>The preset named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UserInputException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static TextVectorizerOptions Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "bow" => Bow,
        "tfidf" => TfIdf,
        "sklearn-count" => SklearnCount,
        "sklearn-tfidf" => SklearnTfIdf,
        _ => throw new UserInputException($"Unknown text featurizer '{name}'; expected one of: {string.Join(", ", Names)}."),
    };
}
