using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Text;

/// <summary>
/// The fitted text vectorizer on the training path ("train fast, save standard"): fits the vocabulary in one
/// tokenizing pass over the documents (in parallel over document ranges; the result does not depend on the number of
/// threads), keeps each fitted document's term counts so that <see cref="TransformFitted"/> needs no second pass,
/// and turns new documents into the same features as the saved model (<see cref="ToTransformer"/>, what
/// <see cref="TextVectorizingEstimator.Fit"/> returns) to the bit: same slots, same single-precision values.
/// </summary>
public sealed class TextVectorizerModel
{
    /// <summary>Documents per thread below which tokenizing runs on fewer threads.</summary>
    private const int MinDocumentsPerRange = 64;

    private readonly FittedPart[] _parts;
    private readonly (int From, int To)[] _ranges;
    private readonly TermCounts[][]? _fitted;

    private TextVectorizerModel(TextVectorizerOptions options, FittedPart[] parts, (int From, int To)[] ranges, TermCounts[][]? fitted)
    {
        Options = options;
        _parts = parts;
        _ranges = ranges;
        _fitted = fitted;
        Size = parts.Sum(p => p.Size);
    }

    /// <summary>The options the model was fitted with.</summary>
    public TextVectorizerOptions Options { get; }

    /// <summary>The number of feature slots (word part first, then char part).</summary>
    public int Size { get; }

    /// <summary>The number of fitted documents.</summary>
    public int FittedDocuments => _parts[0].Vocabulary.Documents;

    /// <summary>The terms of each slot, word part then char part (the saved model names them "mlnt.text.word." / "mlnt.text.char." + term when both parts are on).</summary>
    public IReadOnlyList<string> Terms => _parts.SelectMany(p => p.Vocabulary.Terms).ToArray();

    /// <summary>
    /// The name of each slot as <c>featurize</c> writes it after the part's <c>&lt;column&gt;.&lt;featurizer&gt;:</c>: the
    /// term itself for one vocabulary (<c>sklearn-count</c>, <c>sklearn-tfidf</c>: scikit-learn's
    /// <c>get_feature_names_out</c>, in its order), <c>word:&lt;term&gt;</c> then <c>char:&lt;n-gram&gt;</c> when a word and a
    /// char_wb vocabulary are both on (<c>tfidf</c>, <c>bow</c>: a word and a 3-gram may be spelled alike). <see cref="Size"/> names.
    /// </summary>
    public IReadOnlyList<string> SlotNames => _parts.Length == 1
        ? Terms
        : _parts.SelectMany(p => p.Vocabulary.Terms.Select(t => p.Analyzer.Name + ":" + t)).ToArray();

    internal IReadOnlyList<FittedPart> Parts => _parts;

    /// <summary>Fits the vocabulary (or vocabularies, word and char) on <paramref name="texts"/>; a null text is an empty document.</summary>
    /// <exception cref="UserInputException">The options are invalid, or no terms remain.</exception>
    public static TextVectorizerModel Fit(IReadOnlyList<string?> texts, TextVectorizerOptions options) => Fit(texts, options, "text");

    /// <summary>Fits on <paramref name="texts"/>, the values of the column named <paramref name="column"/> (errors name it).</summary>
    /// <exception cref="UserInputException">The options are invalid, or no terms remain.</exception>
    public static TextVectorizerModel Fit(IReadOnlyList<string?> texts, TextVectorizerOptions options, string column)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Fit(AsMemory(texts), options, column, keepCounts: true);
    }

    /// <summary>
    /// Fits on <paramref name="documents"/>; <paramref name="keepCounts"/> keeps each document's counts for
    /// <see cref="TransformFitted"/>; <paramref name="maxThreads"/> caps the tokenizing threads (tests).
    /// </summary>
    internal static TextVectorizerModel Fit(IReadOnlyList<ReadOnlyMemory<char>> documents, TextVectorizerOptions options,
        string inputColumnForErrors, bool keepCounts, int? maxThreads = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(string.Join(" ", problems));
        var analyzers = new List<PartAnalyzer>();
        if (options.WordNgrams is not null) analyzers.Add(new PartAnalyzer(options, isWord: true));
        if (options.CharNgrams is not null) analyzers.Add(new PartAnalyzer(options, isWord: false));
        var ranges = Ranges(documents.Count, maxThreads);

        var counts = new TermCounts[analyzers.Count][];
        for (var p = 0; p < analyzers.Count; p++) counts[p] = new TermCounts[ranges.Length];
        ForEachRange(ranges, r =>
        {
            for (var p = 0; p < analyzers.Count; p++)
                counts[p][r] = TermCounts.CountNew(analyzers[p], documents, ranges[r].From, ranges[r].To);
        });

        var parts = new FittedPart[analyzers.Count];
        for (var p = 0; p < analyzers.Count; p++)
        {
            // Merge the ranges' terms in range order: a term's statistics are sums, so the merge order does not matter.
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var terms = new List<string>();
            var frequencies = new List<int>();
            var totals = new List<long>();
            var local = new int[ranges.Length][];
            for (var r = 0; r < ranges.Length; r++)
            {
                var chunk = counts[p][r];
                local[r] = new int[chunk.Terms.Length];
                for (var t = 0; t < chunk.Terms.Length; t++)
                {
                    if (!ids.TryGetValue(chunk.Terms[t], out var id))
                    {
                        id = terms.Count;
                        ids.Add(chunk.Terms[t], id);
                        terms.Add(chunk.Terms[t]);
                        frequencies.Add(0);
                        totals.Add(0);
                    }
                    frequencies[id] += chunk.DocumentFrequencies[t];
                    totals[id] += chunk.Totals[t];
                    local[r][t] = id;
                }
            }
            var vocabulary = Vocabulary.Fit(terms, frequencies.ToArray(), totals.ToArray(), documents.Count, options,
                options.Binary, analyzers[p].Name, inputColumnForErrors, out var slots);
            parts[p] = new FittedPart(analyzers[p], vocabulary, options);
            if (keepCounts)
            {
                var part = p;
                ForEachRange(ranges, r =>
                {
                    var map = local[r];
                    for (var t = 0; t < map.Length; t++) map[t] = slots[map[t]];
                    counts[part][r].ToSlots(map);
                });
            }
        }
        return new TextVectorizerModel(options, parts, ranges, keepCounts ? counts : null);
    }

    /// <summary>The features of the texts given to <see cref="Fit(IReadOnlyList{string}, TextVectorizerOptions)"/>, in order, without tokenizing them again.</summary>
    /// <exception cref="InvalidOperationException">The model was not fitted through that method (it keeps no counts).</exception>
    public VBuffer<float>[] TransformFitted()
    {
        if (_fitted is null) throw new InvalidOperationException("This text vectorizer model keeps no counts of its fitted documents; call Transform with the texts.");
        return Rows(_ranges, _fitted);
    }

    /// <summary>The features of <paramref name="texts"/> (a null text is an empty document): sparse, slots in ascending order.</summary>
    public VBuffer<float>[] Transform(IReadOnlyList<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Transform(AsMemory(texts));
    }

    internal VBuffer<float>[] Transform(IReadOnlyList<ReadOnlyMemory<char>> documents, int? maxThreads = null)
    {
        var ranges = Ranges(documents.Count, maxThreads);
        var counts = new TermCounts[_parts.Length][];
        for (var p = 0; p < _parts.Length; p++)
        {
            counts[p] = new TermCounts[ranges.Length];
            _ = _parts[p].Vocabulary.Index; // built once, before the threads read it
        }
        ForEachRange(ranges, r =>
        {
            for (var p = 0; p < _parts.Length; p++)
                counts[p][r] = TermCounts.CountKnown(_parts[p], documents, ranges[r].From, ranges[r].To);
        });
        return Rows(ranges, counts);
    }

    private VBuffer<float>[] Rows((int From, int To)[] ranges, TermCounts[][] counts)
    {
        var rows = new VBuffer<float>[ranges.Length == 0 ? 0 : ranges[^1].To];
        ForEachRange(ranges, r =>
        {
            var (from, to) = ranges[r];
            for (var d = from; d < to; d++)
            {
                var length = 0;
                for (var p = 0; p < _parts.Length; p++) length += counts[p][r].Ids(d - from).Length;
                var indices = new int[length];
                var values = new float[length];
                var at = 0;
                var offset = 0;
                for (var p = 0; p < _parts.Length; p++)
                {
                    var slots = counts[p][r].Ids(d - from);
                    _parts[p].Weigh(slots, counts[p][r].Counts(d - from), values.AsSpan(at, slots.Length));
                    for (var k = 0; k < slots.Length; k++) indices[at + k] = slots[k] + offset;
                    at += slots.Length;
                    offset += _parts[p].Size;
                }
                rows[d] = new VBuffer<float>(Size, length, values, indices);
            }
        });
        return rows;
    }

    /// <summary>
    /// The saved model: a chain of stock ML.NET steps and parameter-free custom mappings holding this vocabulary, from
    /// the text column <paramref name="inputColumnName"/> to the feature column <paramref name="outputColumnName"/>
    /// (see <see cref="TextVectorizingEstimator"/>). It computes exactly what <see cref="Transform(IReadOnlyList{string})"/> does.
    /// </summary>
    public ITransformer ToTransformer(MLContext ml, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(ml);
        if (string.IsNullOrWhiteSpace(outputColumnName))
            throw new UserInputException("Text vectorizer: the output column name is empty; expected a column name.");
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumnName);
        var steps = new List<ITransformer>();
        var definition = SchemaDefinition.Create(typeof(InputRow));
        definition[0].ColumnName = inputColumnName;
        var view = ml.Data.LoadFromEnumerable(new List<InputRow>(), definition);
        var both = _parts.Length == 2;
        foreach (var part in _parts)
            view = AddPart(ml, view, steps, part, inputColumnName, both ? (part.Analyzer.IsWord ? TextColumns.WordPart : TextColumns.CharPart) : outputColumnName);
        if (both) view = Add(steps, ml.Transforms.Concatenate(outputColumnName, TextColumns.WordPart, TextColumns.CharPart), view);
        var temporaries = TextColumns.All.Where(c => view.Schema.GetColumnOrNull(c) is not null && c != outputColumnName).ToArray();
        if (temporaries.Length > 0) Add(steps, ml.Transforms.DropColumns(temporaries), view);
        return new TransformerChain<ITransformer>(steps.ToArray());
    }

    private IDataView AddPart(MLContext ml, IDataView view, List<ITransformer> steps, FittedPart part, string input, string partOutput)
    {
        var range = part.Analyzer.Range;
        // 1. Text to terms: parameter-free steps (PartAnalyzer computes the same terms).
        if (Options.Lowercase)
        {
            view = Add(steps, ml.Transforms.CopyColumns(TextColumns.Raw, input), view);
            view = Add(steps, Mapping<RawTextRow, DocumentRow>(ml, TextMappings.Lowercase), view);
        }
        else view = Add(steps, ml.Transforms.CopyColumns(TextColumns.Doc, input), view);
        if (part.Analyzer.IsWord)
        {
            view = Add(steps, Mapping<DocumentRow, TokensRow>(ml, TextMappings.WordTokens), view);
            if (Options.StopWords is { Count: > 0 } stopWords)
                view = Add(steps, ml.Transforms.Text.RemoveStopWords(TextColumns.Tokens, TextColumns.Tokens, stopWords.ToArray()), view);
            if (Options.Stem)
            {
                view = Add(steps, Mapping<TokensRow, StemsRow>(ml, TextMappings.SnowballEnglish), view);
                view = Add(steps, ml.Transforms.CopyColumns(TextColumns.Tokens, TextColumns.Stems), view);
            }
            // Unigrams are the tokens themselves: no n-gram step.
            if (range != new NgramRange(1, 1)) view = Add(steps, Mapping<TokensRow, TermsRow>(ml, TextMappings.WordNgrams(range)), view);
        }
        else view = Add(steps, Mapping<DocumentRow, TermsRow>(ml, TextMappings.CharWbNgrams(range)), view);
        var terms = part.Analyzer.IsWord && range == new NgramRange(1, 1) ? TextColumns.Tokens : TextColumns.Terms;

        // 2. Terms to weights: stock steps holding the fitted state.
        var keyData = ml.Data.LoadFromEnumerable(part.Vocabulary.Terms.Select(t => new VocabularyRow { Term = t }));
        view = Add(steps, ml.Transforms.Conversion.MapValueToKey(TextColumns.Keys, terms, keyData: keyData), view);
        view = Add(steps, ml.Transforms.Conversion.MapKeyToVector(TextColumns.Counts, TextColumns.Keys, outputCountVector: true), view);
        var current = TextColumns.Counts;
        string? tf = Options.Binary ? "x => x > 0 ? 1.0 : 0.0" : Options.SublinearTf ? "x => x > 0 ? 1.0 + ln(x) : 0.0" : null;
        if (tf is not null)
        {
            view = Add(steps, ml.Transforms.Expression(TextColumns.Tf, tf, current), view);
            current = TextColumns.Tf;
        }
        if (part.InverseIdf is { } inverse)
        {
            var idf = IdfScale(ml, inverse, current);
            steps.Add(idf);
            view = idf.Transform(view);
            current = TextColumns.Weighted;
        }
        return Options.L2Normalize
            ? Add(steps, ml.Transforms.NormalizeLpNorm(partOutput, current, LpNormNormalizingEstimatorBase.NormFunction.L2, ensureZeroMean: false), view)
            : Add(steps, ml.Transforms.CopyColumns(partOutput, current), view);
    }

    private static IDataView Add(List<ITransformer> steps, IEstimator<ITransformer> estimator, IDataView view)
    {
        var transformer = estimator.Fit(view);
        steps.Add(transformer);
        return transformer.Transform(view);
    }

    private static CustomMappingEstimator<TSrc, TDst> Mapping<TSrc, TDst>(MLContext ml, string contract) where TSrc : class, new() where TDst : class, new() =>
        ml.Transforms.CustomMapping(TextMappings.Factory<TSrc, TDst>(contract).GetMapping(), contract);

    /// <summary>
    /// A stock per-slot scale by the idf: <c>NormalizeMinMax(fixZero: true)</c> scales slot j by 1 / max|x_j|, so
    /// fitting it on two rows, 1/idf and 0, gives scale idf_j (in single precision: 1f / (float)(1 / idf_j), which
    /// <see cref="FittedPart.Scale"/> holds), keeps zeros (so sparsity) and carries the slot names through.
    /// </summary>
    private static ITransformer IdfScale(MLContext ml, float[] inverse, string column)
    {
        var size = inverse.Length;
        var definition = SchemaDefinition.Create(typeof(IdfRow));
        var values = definition[nameof(IdfRow.Values)];
        values.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        values.ColumnName = column;
        var rows = ml.Data.LoadFromEnumerable([new IdfRow { Values = inverse }, new IdfRow { Values = new float[size] }], definition);
        return ml.Transforms.NormalizeMinMax(TextColumns.Weighted, column, fixZero: true).Fit(rows);
    }

    private static (int From, int To)[] Ranges(int documents, int? maxThreads)
    {
        var threads = Math.Max(1, Math.Min(maxThreads ?? Math.Min(Environment.ProcessorCount, documents / MinDocumentsPerRange), documents));
        // A few ranges per thread even out uneven documents.
        var count = documents == 0 ? 0 : threads == 1 ? 1 : Math.Min(documents, threads * 4);
        var ranges = new (int, int)[count];
        for (var r = 0; r < count; r++) ranges[r] = ((int)((long)documents * r / count), (int)((long)documents * (r + 1) / count));
        return ranges;
    }

    private static void ForEachRange((int From, int To)[] ranges, Action<int> body)
    {
        if (ranges.Length <= 1)
        {
            for (var r = 0; r < ranges.Length; r++) body(r);
            return;
        }
        Parallel.For(0, ranges.Length, body);
    }

    private static ReadOnlyMemory<char>[] AsMemory(IReadOnlyList<string?> texts)
    {
        var documents = new ReadOnlyMemory<char>[texts.Count];
        for (var i = 0; i < documents.Length; i++) documents[i] = texts[i].AsMemory();
        return documents;
    }

    private sealed class InputRow
    {
        public ReadOnlyMemory<char> Text = ReadOnlyMemory<char>.Empty;
    }

    private sealed class VocabularyRow
    {
        public string Term = "";
    }

    private sealed class IdfRow
    {
        public float[] Values = [];
    }
}
