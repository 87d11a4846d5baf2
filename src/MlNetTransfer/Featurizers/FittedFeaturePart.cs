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
    /// The names of the part's slots for <c>featurize</c>'s header (after <c>&lt;part&gt;:</c>), when the part knows them
    /// better than its column: a custom mapping cannot save slot names (series features), and a text vocabulary's column
    /// carries ML.NET's <c>Concatenate</c> names (<c>mlnt.text.word.free</c>) where the documented name is
    /// <c>word:free</c>. Null (default): the column's slot names, else <c>&lt;part&gt;_&lt;i&gt;</c>.
    /// </summary>
    public virtual IReadOnlyList<string>? SlotNames => null;
}
