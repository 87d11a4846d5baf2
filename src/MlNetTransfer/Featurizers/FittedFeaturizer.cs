using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A fitted featurizer: <see cref="Transformer"/> (what a saved model holds: every part, then their concatenation into
/// <see cref="FeaturePipeline.FeaturesColumn"/>) and <see cref="PartsTransformer"/>, the same steps before the
/// concatenation, whose part columns the training path reads one by one. Disposing it releases the ONNX sessions.
/// </summary>
public sealed class FittedFeaturizer : IDisposable
{
    internal FittedFeaturizer(IReadOnlyList<FittedFeaturePart> fittedParts, ITransformer concatenation, Datasets.Dataset fittedOn, bool standardizeInHead)
    {
        FittedParts = fittedParts;
        Parts = fittedParts.Select(p => p.Part).ToList();
        FittedOn = fittedOn;
        StandardizeInHead = standardizeInHead;
        PartsTransformer = new TransformerChain<ITransformer>(fittedParts.Select(p => p.Transformer).ToArray());
        Transformer = new TransformerChain<ITransformer>(PartsTransformer, concatenation);
    }

    /// <summary>The blocks of the features vector, in order.</summary>
    public IReadOnlyList<FeaturePart> Parts { get; }

    /// <summary>The fitted blocks, in order: each part's saved-path steps (and, for some, a direct training path).</summary>
    public IReadOnlyList<FittedFeaturePart> FittedParts { get; }

    /// <summary>The dataset the featurizer was fitted on (its vocabulary rows are already counted).</summary>
    internal Datasets.Dataset FittedOn { get; }

    /// <summary>
    /// Whether heads that standardise (lr, mlp) should standardise these features: true unless a part's provider says
    /// otherwise (sparse L2-normalised bag-of-words / tf-idf parts).
    /// </summary>
    public bool StandardizeInHead { get; }

    /// <summary>The part steps alone: each part in its own column, nothing concatenated.</summary>
    public TransformerChain<ITransformer> PartsTransformer { get; }

    /// <summary>The whole featurizer: input columns -> <see cref="FeaturePipeline.FeaturesColumn"/>.</summary>
    public TransformerChain<ITransformer> Transformer { get; }

    /// <summary>Releases the ONNX sessions (and ML.NET's temp copies of the ONNX bytes) of the backbone parts.</summary>
    public void Dispose() => Transformer.Dispose();
}
