using Microsoft.ML;

namespace MlNetTransfer.Text;

/// <summary>Catalog extension for the text vectorizer: <c>ml.Transforms.Text.Vectorize("Features", "Text", options)</c>.</summary>
public static class TextVectorizerCatalog
{
    /// <summary>
    /// Bag-of-words or tf-idf features of the text column <paramref name="inputColumnName"/> (default: the output
    /// column's name) into <paramref name="outputColumnName"/>: a known-size sparse <c>Vector&lt;Single&gt;</c> whose
    /// slot names are the terms. <paramref name="options"/> defaults to <see cref="TextFeaturizers.TfIdf"/>; the
    /// scikit-learn presets reproduce CountVectorizer / TfidfVectorizer exactly. A saved model loads after
    /// <see cref="ContractRegistry.RegisterAll"/> on the loading context.
    /// </summary>
    /// <exception cref="UserInputException">The options are invalid (the message lists every problem).</exception>
    public static TextVectorizingEstimator Vectorize(this TransformsCatalog.TextTransforms catalog, string outputColumnName,
        string? inputColumnName = null, TextVectorizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TextVectorizingEstimator(outputColumnName, inputColumnName ?? outputColumnName, options ?? TextFeaturizers.TfIdf);
    }
}
