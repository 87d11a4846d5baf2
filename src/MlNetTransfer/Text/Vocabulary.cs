using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

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

    private struct TermStats
    {
        public int DocumentFrequency;
        public int LastDocument;
        public long Total;
    }

    /// <summary>
    /// Counts the terms of <paramref name="column"/> (a vector of text per document) in one pass and prunes them as
    /// scikit-learn's <c>CountVectorizer.fit</c> does: min_df / max_df, then max_features by corpus frequency
    /// (document frequency when <paramref name="binary"/>), ties broken by numpy's argsort over the sorted terms.
    /// </summary>
    public static Vocabulary Fit(IDataView data, string column, string inputColumnForErrors, TextVectorizerOptions options, bool binary, string part)
    {
        var stats = new Dictionary<string, TermStats>(StringComparer.Ordinal);
        var lookup = stats.GetAlternateLookup<ReadOnlySpan<char>>();
        var documents = 0;
        var col = data.Schema[column];
        using (var cursor = data.GetRowCursor([col]))
        {
            var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(col);
            var terms = default(VBuffer<ReadOnlyMemory<char>>);
            while (cursor.MoveNext())
            {
                getter(ref terms);
                documents++;
                foreach (var term in terms.GetValues())
                {
                    ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, term.Span, out _);
                    entry.Total++;
                    if (entry.LastDocument != documents)
                    {
                        entry.LastDocument = documents;
                        entry.DocumentFrequency++;
                    }
                }
            }
        }
        if (stats.Count == 0)
            throw new UserInputException($"Text column '{inputColumnForErrors}': the {part} vocabulary is empty: the {documents} document(s) hold no terms"
                + (options.StopWords is null ? "." : " (perhaps only stop words)."));

        var sorted = stats.Keys.ToArray();
        Array.Sort(sorted, PythonText.CompareCodePoints);
        var high = options.MaxDocumentFrequency.Resolve(documents);
        var low = options.MinDocumentFrequency.Resolve(documents);
        if (high < low)
            throw new UserInputException($"Text vectorizer: MaxDocumentFrequency ({options.MaxDocumentFrequency}) corresponds to fewer documents than MinDocumentFrequency ({options.MinDocumentFrequency}) on {documents} documents.");
        var kept = new List<int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            var df = stats[sorted[i]].DocumentFrequency;
            if (df <= high && df >= low) kept.Add(i);
        }
        if (options.MaxFeatures is { } limit && kept.Count > limit)
        {
            var negated = new long[kept.Count];
            for (var k = 0; k < kept.Count; k++)
            {
                var s = stats[sorted[kept[k]]];
                negated[k] = -(binary ? s.DocumentFrequency : s.Total);
            }
            var order = NumpyArgsort.Argsort(negated);
            var chosen = new bool[kept.Count];
            for (var k = 0; k < limit; k++) chosen[order[k]] = true;
            var limited = new List<int>(limit);
            for (var k = 0; k < kept.Count; k++) if (chosen[k]) limited.Add(kept[k]);
            kept = limited;
        }
        if (kept.Count == 0)
            throw new UserInputException($"Text column '{inputColumnForErrors}': no {part} terms remain after pruning (MinDocumentFrequency {options.MinDocumentFrequency}, MaxDocumentFrequency {options.MaxDocumentFrequency} on {documents} documents); lower the minimum or raise the maximum.");
        var keptTerms = new string[kept.Count];
        var frequencies = new int[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            keptTerms[k] = sorted[kept[k]];
            frequencies[k] = stats[keptTerms[k]].DocumentFrequency;
        }
        return new Vocabulary(keptTerms, frequencies, documents);
    }
}
