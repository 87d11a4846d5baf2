using Microsoft.ML;
using Microsoft.ML.Data;

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
    private readonly MLContext _ml;
    private readonly string _output;
    private readonly string _input;
    private readonly TextVectorizerOptions _options;

    /// <remarks>The fitted steps are built in <paramref name="mlContext"/>, the caller's context.</remarks>
    internal TextVectorizingEstimator(MLContext mlContext, string outputColumnName, string inputColumnName, TextVectorizerOptions options)
    {
        _ml = mlContext;
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
    /// <remarks>
    /// Reads the text column once into memory, fits a <see cref="TextVectorizerModel"/> on it and returns its
    /// <see cref="TextVectorizerModel.ToTransformer"/>.
    /// </remarks>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema.GetColumnOrNull(_input)?.Type, isScalar: true);
        var documents = new List<ReadOnlyMemory<char>>();
        var column = input.Schema[_input];
        using (var cursor = input.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            var text = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                getter(ref text);
                documents.Add(text);
            }
        }
        return TextVectorizerModel.Fit(documents, _options, _input, keepCounts: false).ToTransformer(_ml, _output, _input);
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
}
