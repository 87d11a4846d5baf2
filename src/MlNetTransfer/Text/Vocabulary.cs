namespace MlNetTransfer.Text;

/// <summary>
/// A fitted vocabulary: terms in scikit-learn's order (code point order of the kept terms) with their document
/// frequencies, and the number of fitted documents.
/// </summary>
internal sealed class Vocabulary
{
    private Vocabulary(string[] terms, int[] documentFrequencies, int documents)
    {
        Terms = terms;
        DocumentFrequencies = documentFrequencies;
        Documents = documents;
    }

    public string[] Terms { get; }

    public int[] DocumentFrequencies { get; }

    public int Documents { get; }

    /// <summary>scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1.</summary>
    public double Idf(int index) => Math.Log((Documents + 1.0) / (DocumentFrequencies[index] + 1.0)) + 1.0;

    private static readonly Comparer<string> CodePointOrder = Comparer<string>.Create(PythonText.CompareCodePoints);

    /// <summary>The index of each term, built on first use (transforming new documents).</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Index => (_index ??= BuildIndex()).GetAlternateLookup<ReadOnlySpan<char>>();

    private Dictionary<string, int>? _index;

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(Terms.Length, StringComparer.Ordinal);
        for (var j = 0; j < Terms.Length; j++) index.Add(Terms[j], j);
        return index;
    }

    /// <summary>
    /// Prunes counted terms as scikit-learn's <c>CountVectorizer.fit</c> does: min_df / max_df, then max_features by
    /// corpus frequency (document frequency when <paramref name="binary"/>), ties broken by numpy's argsort over the
    /// sorted terms. <paramref name="terms"/> may be in any order; <paramref name="slots"/> receives, for each of
    /// them, its index in the vocabulary or -1 where it was pruned. The result does not depend on the input order.
    /// </summary>
    public static Vocabulary Fit(IReadOnlyList<string> terms, int[] documentFrequencies, long[] totals, int documents,
        TextVectorizerOptions options, bool binary, string part, string inputColumnForErrors, out int[] slots)
    {
        if (terms.Count == 0)
            throw new UserInputException($"Text column '{inputColumnForErrors}': the {part} vocabulary is empty: the {documents} document(s) hold no terms"
                + (part == "word" ? " (a word is two or more letters or digits, scikit-learn's token pattern (?u)\\b\\w\\w+\\b: values like 'A' or '7' hold none)" : "")
                + (options.StopWords is null ? "" : " (perhaps only stop words)")
                + ". Leave the column out (name the columns to use with --text-column / --numeric-column), pass it as --numeric-column"
                + " if it holds numbers, or give it a featurizer that needs no vocabulary (--text-featurizer minilm).");

        // Term ids in code point order of the terms (Python's sorted()).
        var order = new int[terms.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(terms.ToArray(), order, CodePointOrder);
        var high = options.MaxDocumentFrequency.Resolve(documents);
        var low = options.MinDocumentFrequency.Resolve(documents);
        if (high < low)
            throw new UserInputException($"Text vectorizer: MaxDocumentFrequency ({options.MaxDocumentFrequency}) corresponds to fewer documents than MinDocumentFrequency ({options.MinDocumentFrequency}) on {documents} documents.");
        var kept = new List<int>(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            var df = documentFrequencies[order[i]];
            if (df <= high && df >= low) kept.Add(order[i]);
        }
        if (options.MaxFeatures is { } limit && kept.Count > limit)
        {
            var negated = new long[kept.Count];
            for (var k = 0; k < kept.Count; k++)
            {
                var id = kept[k];
                negated[k] = -(binary ? documentFrequencies[id] : totals[id]);
            }
            var ranked = NumpyArgsort.Argsort(negated);
            var chosen = new bool[kept.Count];
            for (var k = 0; k < limit; k++) chosen[ranked[k]] = true;
            var limited = new List<int>(limit);
            for (var k = 0; k < kept.Count; k++) if (chosen[k]) limited.Add(kept[k]);
            kept = limited;
        }
        if (kept.Count == 0)
            throw new UserInputException($"Text column '{inputColumnForErrors}': no {part} terms remain after pruning (MinDocumentFrequency {options.MinDocumentFrequency}, MaxDocumentFrequency {options.MaxDocumentFrequency} on {documents} documents); lower the minimum or raise the maximum.");
        var keptTerms = new string[kept.Count];
        var frequencies = new int[kept.Count];
        slots = new int[terms.Count];
        Array.Fill(slots, -1);
        for (var k = 0; k < kept.Count; k++)
        {
            keptTerms[k] = terms[kept[k]];
            frequencies[k] = documentFrequencies[kept[k]];
            slots[kept[k]] = k;
        }
        return new Vocabulary(keptTerms, frequencies, documents);
    }
}
