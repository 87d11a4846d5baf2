namespace MlNetTransfer.Featurizers;

/// <summary>How a <see cref="FeaturePart"/> is computed.</summary>
public enum FeaturePartKind
{
    /// <summary>An image column through a frozen image backbone (batched engine on the training path).</summary>
    ImageBackbone,

    /// <summary>A text column through a frozen text backbone (batched engine on the training path).</summary>
    TextBackbone,

    /// <summary>A text column through a fitted vocabulary (bag-of-words / tf-idf): sparse.</summary>
    TextVectorizer,

    /// <summary>The numeric columns, missing values replaced by the mean, then standardised.</summary>
    Numeric,
}
