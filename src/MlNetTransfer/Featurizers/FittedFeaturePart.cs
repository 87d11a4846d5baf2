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

    /// <summary>
    /// The names of the part's slots when its column carries none (a custom mapping cannot save slot names), for
    /// <c>featurize</c>'s header; null (default): the column's slot names, else <c>&lt;part&gt;_&lt;i&gt;</c>.
    /// </summary>
    public virtual IReadOnlyList<string>? SlotNames => null;
}
