using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Text;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A text featurizer named on the command line (<c>--text-featurizer</c>): a vocabulary-based one
/// (<see cref="TextFeaturizers"/>: bow, tfidf, sklearn-count, sklearn-tfidf) or a frozen text backbone.
/// </summary>
public sealed record TextFeaturizer(string Name, FeaturePartKind Kind, BackboneManifest? Backbone = null)
{
    /// <summary>Resolves a featurizer name: a vectorizer preset, else a text backbone (name or manifest/ONNX path).</summary>
    public static TextFeaturizer Resolve(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        if (TextFeaturizers.Names.Contains(trimmed))
            return new TextFeaturizer(trimmed, FeaturePartKind.TextVectorizer);
        if (!BackboneCatalog.LooksLikePath(name) && !BackboneCatalog.Default.Exists(name.Trim()))
        {
            var textBackbones = BackboneCatalog.Default.List().Where(m => m.Text is not null).Select(m => m.Name);
            throw new UserInputException($"Unknown text featurizer '{name}': expected one of {string.Join(", ", TextFeaturizers.Names.Concat(textBackbones))}, or a text backbone's ONNX path.");
        }
        var backbone = BackboneCatalog.Default.Resolve(name.Trim());
        if (backbone.Text is null)
            throw new UserInputException($"Backbone '{backbone.Name}' is an {backbone.Kind} backbone; --text-featurizer needs a text backbone (for example minilm).");
        return new TextFeaturizer(backbone.Name, FeaturePartKind.TextBackbone, Backbone: backbone);
    }

    /// <summary>What is wrong with a featurizer name, as a phrase for an options check; null when it resolves.</summary>
    public static string? Problem(string name)
    {
        try
        {
            Resolve(name);
            return null;
        }
        catch (UserInputException e)
        {
            return char.ToLowerInvariant(e.Message[0]) + e.Message[1..].TrimEnd('.');
        }
    }

    /// <summary>The saved-path steps of a text backbone part (vocabulary parts are fitted by <see cref="TextVectorizerModel"/>).</summary>
    internal static IEstimator<ITransformer> Estimator(MLContext ml, FeaturePart part, int? gpuDeviceId) => part.Kind == FeaturePartKind.TextBackbone
        ? ml.Transforms.Text.ExtractTextEmbeddings(part.Name, part.Backbone!, part.Inputs[0], gpuDeviceId)
        : throw new InvalidOperationException($"Part '{part.Name}' is not a text backbone part.");
}
