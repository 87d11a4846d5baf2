using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Text;

/// <summary>
/// Bag-of-words / tf-idf vectorizer of one text column (<c>ml.Transforms.Text.Vectorize</c>), with an exact
/// scikit-learn mode. Fitting reads the column once to build the vocabulary and returns a chain of ML.NET steps
/// that saves into a standard model zip: parameter-free custom mappings (lower-casing, tokenizing, stemming,
/// n-grams; contracts in <see cref="TextMappings"/>) then stock transforms holding the fitted state
/// (<c>RemoveStopWords</c> with the list, <c>MapValueToKey</c> with the vocabulary, <c>MapKeyToVector</c> counts,
/// <c>Expression</c> for binary / sublinear tf, <c>NormalizeMinMax</c> whose per-slot scale is the idf,
/// <c>NormalizeLpNorm</c>, <c>Concatenate</c> of the word and char parts). The output is a known-size, sparse
/// <c>Vector&lt;Single&gt;</c> whose slot names are the terms. Loading a saved model needs
/// <see cref="ContractRegistry.RegisterAll"/> on the loading context.
/// </summary>
public sealed class TextVectorizingEstimator : IEstimator<ITransformer>
{
    private readonly MLContext _ml = new(seed: 0);
    private readonly string _output;
    private readonly string _input;
    private readonly TextVectorizerOptions _options;

    internal TextVectorizingEstimator(string outputColumnName, string inputColumnName, TextVectorizerOptions options)
    {
        if (string.IsNullOrWhiteSpace(outputColumnName))
            throw new UserInputException("Text vectorizer: the output column name is empty; expected a column name.");
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(string.Join(" ", problems));
        _output = outputColumnName;
        _input = inputColumnName;
        _options = options;
    }

    /// <summary>The options this estimator fits with.</summary>
    public TextVectorizerOptions Options => _options;

    /// <inheritdoc/>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema.GetColumnOrNull(_input)?.Type, isScalar: true);
        var steps = new List<ITransformer>();
        var both = _options.WordNgrams is not null && _options.CharNgrams is not null;
        var view = input;
        if (_options.WordNgrams is { } word)
            view = FitPart(view, steps, word, isWord: true, both ? TextColumns.WordPart : _output);
        if (_options.CharNgrams is { } chars)
            view = FitPart(view, steps, chars, isWord: false, both ? TextColumns.CharPart : _output);
        if (both)
            view = Add(steps, _ml.Transforms.Concatenate(_output, TextColumns.WordPart, TextColumns.CharPart), view);
        var temporaries = TextColumns.All.Where(c => view.Schema.GetColumnOrNull(c) is not null && c != _output).ToArray();
        if (temporaries.Length > 0) Add(steps, _ml.Transforms.DropColumns(temporaries), view);
        return new TransformerChain<ITransformer>(steps.ToArray());
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = inputSchema.Where(c => c.Name == _input).Select(c => (SchemaShape.Column?)c).FirstOrDefault();
        CheckInput(column?.ItemType, isScalar: column is not { } c || c.Kind == SchemaShape.Column.VectorKind.Scalar);
        // The same shape as ours (known-size Single vector with slot names), computed by stock steps.
        return _ml.Transforms.Text.TokenizeIntoWords(TextColumns.Terms, _input)
            .Append(_ml.Transforms.Conversion.MapValueToKey(TextColumns.Keys, TextColumns.Terms))
            .Append(_ml.Transforms.Conversion.MapKeyToVector(_output, TextColumns.Keys, outputCountVector: true))
            .Append(_ml.Transforms.DropColumns(TextColumns.Terms, TextColumns.Keys))
            .GetOutputSchema(inputSchema);
    }

    private void CheckInput(DataViewType? type, bool isScalar)
    {
        if (type is null)
            throw new UserInputException($"Text vectorizer: could not find input column '{_input}'; expected a text column.");
        if (type is not TextDataViewType || !isScalar)
            throw new UserInputException($"Text vectorizer: input column '{_input}' is {type}; expected text (one string per row).");
    }

    private static IDataView Add(List<ITransformer> steps, IEstimator<ITransformer> estimator, IDataView view)
    {
        var transformer = estimator.Fit(view);
        steps.Add(transformer);
        return transformer.Transform(view);
    }

    private IDataView FitPart(IDataView view, List<ITransformer> steps, NgramRange range, bool isWord, string partOutput)
    {
        // 1. Text to terms: parameter-free steps, fitted on nothing.
        if (_options.Lowercase)
        {
            view = Add(steps, _ml.Transforms.CopyColumns(TextColumns.Raw, _input), view);
            view = Add(steps, Mapping<RawTextRow, DocumentRow>(TextMappings.Lowercase), view);
        }
        else view = Add(steps, _ml.Transforms.CopyColumns(TextColumns.Doc, _input), view);
        if (isWord)
        {
            view = Add(steps, Mapping<DocumentRow, TokensRow>(TextMappings.WordTokens), view);
            if (_options.StopWords is { Count: > 0 } stopWords)
                view = Add(steps, _ml.Transforms.Text.RemoveStopWords(TextColumns.Tokens, TextColumns.Tokens, stopWords.ToArray()), view);
            if (_options.Stem)
            {
                view = Add(steps, Mapping<TokensRow, StemsRow>(TextMappings.SnowballEnglish), view);
                view = Add(steps, _ml.Transforms.CopyColumns(TextColumns.Tokens, TextColumns.Stems), view);
            }
            // Unigrams are the tokens themselves: no n-gram step.
            if (range != new NgramRange(1, 1)) view = Add(steps, Mapping<TokensRow, TermsRow>(TextMappings.WordNgrams(range)), view);
        }
        else view = Add(steps, Mapping<DocumentRow, TermsRow>(TextMappings.CharWbNgrams(range)), view);
        var terms = isWord && range == new NgramRange(1, 1) ? TextColumns.Tokens : TextColumns.Terms;

        // 2. The vocabulary, from one pass over the terms the saved steps produce.
        var binary = _options.Binary;
        var vocabulary = Vocabulary.Fit(view, terms, _input, _options, binary, isWord ? "word" : "char");

        // 3. Terms to weights: stock steps holding the fitted state.
        var keyData = _ml.Data.LoadFromEnumerable(vocabulary.Terms.Select(t => new VocabularyRow { Term = t }));
        view = Add(steps, _ml.Transforms.Conversion.MapValueToKey(TextColumns.Keys, terms, keyData: keyData), view);
        view = Add(steps, _ml.Transforms.Conversion.MapKeyToVector(TextColumns.Counts, TextColumns.Keys, outputCountVector: true), view);
        var current = TextColumns.Counts;
        string? tf = binary ? "x => x > 0 ? 1.0 : 0.0" : _options.SublinearTf ? "x => x > 0 ? 1.0 + ln(x) : 0.0" : null;
        if (tf is not null)
        {
            view = Add(steps, _ml.Transforms.Expression(TextColumns.Tf, tf, current), view);
            current = TextColumns.Tf;
        }
        if (_options.Weighting == TextWeighting.TfIdf)
        {
            var idf = IdfScale(vocabulary, current);
            steps.Add(idf);
            view = idf.Transform(view);
            current = TextColumns.Weighted;
        }
        view = _options.L2Normalize
            ? Add(steps, _ml.Transforms.NormalizeLpNorm(partOutput, current, LpNormNormalizingEstimatorBase.NormFunction.L2, ensureZeroMean: false), view)
            : Add(steps, _ml.Transforms.CopyColumns(partOutput, current), view);
        return view;
    }

    private CustomMappingEstimator<TSrc, TDst> Mapping<TSrc, TDst>(string contract) where TSrc : class, new() where TDst : class, new() =>
        _ml.Transforms.CustomMapping(TextMappings.Factory<TSrc, TDst>(contract).GetMapping(), contract);

    /// <summary>
    /// A stock per-slot scale by the idf: <c>NormalizeMinMax(fixZero: true)</c> scales slot j by 1 / max|x_j|, so
    /// fitting it on two rows, 1/idf and 0, gives scale idf_j (to float rounding, relative 2e-7), keeps zeros
    /// (so sparsity) and carries the slot names through.
    /// </summary>
    private ITransformer IdfScale(Vocabulary vocabulary, string column)
    {
        var size = vocabulary.Terms.Length;
        var inverse = new float[size];
        for (var j = 0; j < size; j++) inverse[j] = (float)(1.0 / vocabulary.Idf(j));
        var definition = SchemaDefinition.Create(typeof(IdfRow));
        var values = definition[nameof(IdfRow.Values)];
        values.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        values.ColumnName = column;
        var rows = _ml.Data.LoadFromEnumerable([new IdfRow { Values = inverse }, new IdfRow { Values = new float[size] }], definition);
        return _ml.Transforms.NormalizeMinMax(TextColumns.Weighted, column, fixZero: true).Fit(rows);
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
