using Microsoft.ML;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A fitted <see cref="FeaturePart"/>: its saved-path steps (<see cref="Transformer"/>), and, when the part implements
/// <see cref="IDirectFeatureRows"/>, a faster training path equal to those steps.
/// </summary>
/// <param name="part">The part.</param>
/// <param name="transformer">Stock ML.NET steps (or versioned custom mappings) from the part's inputs to its column.</param>
public class FittedFeaturePart(FeaturePart part, ITransformer transformer)
{
    /// <summary>The part.</summary>
    public FeaturePart Part { get; } = part;

    /// <summary>Stock ML.NET steps (or versioned custom mappings) from the part's inputs to its column.</summary>
    public ITransformer Transformer { get; } = transformer;
}
