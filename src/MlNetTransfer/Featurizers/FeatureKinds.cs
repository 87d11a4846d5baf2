using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>What each kind of feature part (<see cref="IFeaturePartProvider.Kind"/>) is, in words, for <c>inspect</c> and for messages.</summary>
internal static class FeatureKinds
{
    /// <summary>
    /// <paramref name="kind"/> in words (<c>image backbone (frozen ONNX, 512-d embedding)</c> when <paramref name="backbone"/>
    /// gives the embedding size); an unknown kind as it is.
    /// </summary>
    public static string Describe(string kind, BackboneManifest? backbone = null) => kind switch
    {
        ImageBackbonePartProvider.KindName => backbone is { } b ? $"image backbone (frozen ONNX, {b.EmbeddingSize}-d embedding)" : "image backbone (frozen ONNX)",
        TextBackbonePartProvider.KindName => "text backbone (frozen ONNX sentence encoder)",
        TextVectorizerPartProvider.KindName => "text vectorizer (vocabulary fitted on the training data)",
        CategoricalPartProvider.KindName => "categorical, one-hot (one value per category seen in training)",
        NumericPartProvider.KindName => "numeric columns, missing values replaced by the mean, standardised",
        SeriesPartProvider.KindName => "series features",
        ClassicalImagePartProvider.KindName => "classical image features (colour, Sobel, LBP, HOG)",
        _ => kind,
    };
}
