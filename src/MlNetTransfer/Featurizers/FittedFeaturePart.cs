using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A fitted <see cref="FeaturePart"/>: its saved-path steps (<see cref="Transformer"/>), and, when the part implements
/// <see cref="IDirectFeatureRows"/>, a faster training path equal to those steps. A backbone part's steps are built on
/// first use of <see cref="Transformer"/> (<see cref="FittedFeaturePart(FeaturePart, Func{ITransformer}, VectorDataViewType)"/>):
/// ML.NET's <c>ApplyOnnxModel</c> opens an ONNX Runtime session and parses the whole graph when it is constructed, which
/// the training path, running the backbone through its own batched engine, does not need unless a model is saved.
/// </summary>
public class FittedFeaturePart
{
    private readonly Lazy<ITransformer> _transformer;

    /// <param name="part">The part.</param>
    /// <param name="transformer">Stock ML.NET steps (or versioned custom mappings) from the part's inputs to its column.</param>
    public FittedFeaturePart(FeaturePart part, ITransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Part = part;
        _transformer = new(transformer);
    }

    /// <summary>A part whose steps are built by <paramref name="build"/> on first use of <see cref="Transformer"/> (once, thread-safe).</summary>
    /// <param name="part">The part.</param>
    /// <param name="build">Builds the part's steps; its exceptions surface from <see cref="Transformer"/> (and again on every later use).</param>
    /// <param name="type">The type of the part's column, as those steps will write it (a backbone part: <see cref="FeaturePipeline.BackboneType"/>);
    /// checked when they are built (<see cref="InvalidOperationException"/> if it differs).</param>
    public FittedFeaturePart(FeaturePart part, Func<ITransformer> build, VectorDataViewType type)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(type);
        Part = part;
        DeferredType = type;
        _transformer = new(build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The part.</summary>
    public FeaturePart Part { get; }

    /// <summary>
    /// Stock ML.NET steps (or versioned custom mappings) from the part's inputs to its column; for a deferred part, built
    /// now if not yet (for an ONNX backbone: an ONNX Runtime session; a model that does not load is a <see cref="UserInputException"/>).
    /// </summary>
    public ITransformer Transformer => _transformer.Value;

    /// <summary>Whether <see cref="Transformer"/> exists (always, unless the part is deferred and nothing has asked for it yet).</summary>
    public bool IsBuilt => _transformer.IsValueCreated;

    /// <summary>The column type a deferred part's steps write (null for a part built at fit time).</summary>
    public VectorDataViewType? DeferredType { get; }

    /// <summary>
    /// The names of the part's slots for <c>featurize</c>'s header (after <c>&lt;part&gt;:</c>), when the part knows them
    /// better than its column: a custom mapping cannot save slot names (series features), and a text vocabulary's column
    /// carries ML.NET's <c>Concatenate</c> names (<c>mlnt.text.word.free</c>) where the documented name is
    /// <c>word:free</c>. Null (default): the column's slot names, else <c>&lt;part&gt;_&lt;i&gt;</c>.
    /// </summary>
    public virtual IReadOnlyList<string>? SlotNames => null;
}
