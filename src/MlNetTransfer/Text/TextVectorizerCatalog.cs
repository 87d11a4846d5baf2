using Microsoft.ML;

namespace MlNetTransfer.Text;

/// <summary>Catalog extension for the text vectorizer: <c>ml.Transforms.Text.Vectorize(ml, "Features", "Text", options)</c>.</summary>
public static class TextVectorizerCatalog
{
    /// <summary>
    /// Bag-of-words or tf-idf features of the text column <paramref name="inputColumnName"/> (default: the output
    /// column's name) into <paramref name="outputColumnName"/>: a known-size sparse <c>Vector&lt;Single&gt;</c> whose
    /// slot names are the terms. <paramref name="options"/> defaults to <see cref="TextVectorizerPresets.TfIdf"/>; the
    /// scikit-learn presets reproduce CountVectorizer / TfidfVectorizer exactly. The rows are sparse and (tf-idf)
    /// L2-normalised: give the trainer no L1 and L2 = 1, as scikit-learn's LogisticRegression does
    /// (<c>LbfgsMaximumEntropy(l1Regularization: 0, l2Regularization: 1)</c>); ML.NET's default L1 = 1 under-fits them
    /// (0.87 against 0.95 accuracy on the shipped SpamAssassin subset: samples/MlNetTransfer.Samples, text-classification).
    /// A saved model loads in an application that references this library (ML.NET
    /// registers the tokenizer's assembly itself at <c>Model.Load</c>; <see cref="ContractRegistry.RegisterAll"/> is the
    /// explicit form).
    /// </summary>
    /// <param name="catalog">The text catalog of <paramref name="mlContext"/>: <c>mlContext.Transforms.Text</c>.</param>
    /// <param name="mlContext">
    /// The context the catalog belongs to. ML.NET gives extension methods no public access to a catalog's context, so it
    /// is passed too; the fitted steps are built in it (its log, temp folder and seed), as ML.NET's own estimators are.
    /// </param>
    /// <param name="outputColumnName">The features column to create.</param>
    /// <param name="inputColumnName">The text column to read (default: <paramref name="outputColumnName"/>).</param>
    /// <param name="options">The vectorizer's settings (default: <see cref="TextVectorizerPresets.TfIdf"/>).</param>
    /// <exception cref="UserInputException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="ArgumentException"><paramref name="catalog"/> is not <paramref name="mlContext"/>'s.</exception>
    public static TextVectorizingEstimator Vectorize(this TransformsCatalog.TextTransforms catalog, MLContext mlContext,
        string outputColumnName, string? inputColumnName = null, TextVectorizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!ReferenceEquals(mlContext.Transforms.Text, catalog))
            throw new ArgumentException("The text catalog belongs to another MLContext: call mlContext.Transforms.Text.Vectorize(mlContext, ...).", nameof(mlContext));
        return new TextVectorizingEstimator(mlContext, outputColumnName, inputColumnName ?? outputColumnName, options ?? TextVectorizerPresets.TfIdf);
    }
}
