using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A fitted featurizer: <see cref="Transformer"/> (what a saved model holds: every part, then their concatenation into
/// <see cref="FeaturePipeline.FeaturesColumn"/>) and <see cref="PartsTransformer"/>, the same steps before the
/// concatenation, whose part columns the training path reads one by one. Both are built on first use, with the backbone
/// parts' ONNX steps (<see cref="FeaturePipeline.DeferBackbonePart"/>): a run that only computes features (its engines run
/// the backbones) reads the parts' columns from <see cref="PartsSchema"/> and <see cref="FeaturesType"/> and never opens
/// ML.NET's ONNX Runtime sessions. Disposing it releases the ONNX sessions built.
/// </summary>
public sealed class FittedFeaturizer : IDisposable
{
    private readonly Lazy<(TransformerChain<ITransformer> Parts, TransformerChain<ITransformer> Whole)> _chains;
    private bool _disposed;

    internal FittedFeaturizer(IReadOnlyList<FittedFeaturePart> fittedParts, Func<IDataView, ITransformer> fitConcatenation, IDataView input, Dataset fittedOn,
        bool standardizeInHead)
    {
        FittedParts = fittedParts;
        Parts = fittedParts.Select(p => p.Part).ToList();
        FittedOn = fittedOn;
        StandardizeInHead = standardizeInHead;
        _chains = new(() =>
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var parts = new TransformerChain<ITransformer>(fittedParts.Select(p => p.Transformer).ToArray());
            return (parts, new TransformerChain<ITransformer>(parts, fitConcatenation(parts.Transform(input))));
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The blocks of the features vector, in order.</summary>
    public IReadOnlyList<FeaturePart> Parts { get; }

    /// <summary>The fitted blocks, in order: each part's saved-path steps (and, for some, a direct training path).</summary>
    public IReadOnlyList<FittedFeaturePart> FittedParts { get; }

    /// <summary>The dataset the featurizer was fitted on (its vocabulary rows are already counted).</summary>
    internal Dataset FittedOn { get; }

    /// <summary>
    /// Whether heads that standardise (lr, mlp) should standardise these features: true unless a part's provider says
    /// otherwise (sparse L2-normalised bag-of-words / tf-idf parts).
    /// </summary>
    public bool StandardizeInHead { get; }

    /// <summary>The part steps alone: each part in its own column, nothing concatenated (builds every deferred part: ONNX sessions).</summary>
    public TransformerChain<ITransformer> PartsTransformer => _chains.Value.Parts;

    /// <summary>The whole featurizer: input columns -> <see cref="FeaturePipeline.FeaturesColumn"/> (builds every deferred part: ONNX sessions).</summary>
    public TransformerChain<ITransformer> Transformer => _chains.Value.Whole;

    /// <summary>
    /// The schema <see cref="PartsTransformer"/> gives <paramref name="input"/> as far as the parts' columns go (name, type,
    /// annotations), without building a deferred part: its column is described by its <see cref="FittedFeaturePart.DeferredType"/>
    /// (checked against its steps when they are built). Intermediate columns of unbuilt parts are absent.
    /// </summary>
    public DataViewSchema PartsSchema(DataViewSchema input)
    {
        if (FittedParts.All(p => p.IsBuilt)) return PartsTransformer.GetOutputSchema(input);
        var built = new TransformerChain<ITransformer>(FittedParts.Where(p => p.IsBuilt).Select(p => p.Transformer).ToArray());
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(built.GetOutputSchema(input));
        foreach (var part in FittedParts.Where(p => !p.IsBuilt)) builder.AddColumn(part.Part.Name, part.DeferredType!);
        return builder.ToSchema();
    }

    /// <summary>
    /// The type of <see cref="FeaturePipeline.FeaturesColumn"/> as <see cref="Transformer"/> writes it from <paramref name="input"/>
    /// (a flat <c>Vector&lt;Single, d&gt;</c>, or one part's own dimensions when it is the only part), without building a
    /// deferred part: ML.NET's own <c>Concatenate</c> fitted on an empty view of <see cref="PartsSchema"/>'s part columns.
    /// </summary>
    public VectorDataViewType FeaturesType(DataViewSchema input)
    {
        if (_chains.IsValueCreated) return (VectorDataViewType)Transformer.GetOutputSchema(input)[FeaturePipeline.FeaturesColumn].Type;
        var schema = PartsSchema(input);
        var empty = new TableDataView(0);
        foreach (var part in Parts) empty.AddVector(part.Name, Array.Empty<VBuffer<float>>(), (VectorDataViewType)schema[part.Name].Type);
        var names = Parts.Select(p => p.Name).ToArray();
        var concatenated = new MLContext(0).Transforms.Concatenate(FeaturePipeline.FeaturesColumn, names).Fit(empty).GetOutputSchema(empty.Schema);
        return (VectorDataViewType)concatenated[FeaturePipeline.FeaturesColumn].Type;
    }

    /// <summary>Releases the ONNX sessions (and ML.NET's temp copies of the ONNX bytes) of the backbone parts built; later builds throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_chains.IsValueCreated) Transformer.Dispose();
        else
            foreach (var part in FittedParts.Where(p => p.IsBuilt)) (part.Transformer as IDisposable)?.Dispose();
    }
}
