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
    internal FittedFeaturizer(IReadOnlyList<FeaturePart> parts, TransformerChain<ITransformer> partsTransformer, ITransformer concatenation,
        Data.Dataset fittedOn, IReadOnlyDictionary<string, Text.TextVectorizerModel> vectorizers)
    {
        Parts = parts;
        FittedOn = fittedOn;
        Vectorizers = vectorizers;
        PartsTransformer = partsTransformer;
        Transformer = new TransformerChain<ITransformer>(partsTransformer, concatenation);
    }

    /// <summary>The blocks of the features vector, in order.</summary>
    public IReadOnlyList<FeaturePart> Parts { get; }

    /// <summary>The dataset the featurizer was fitted on (its vocabulary rows are already counted).</summary>
    internal Data.Dataset FittedOn { get; }

    /// <summary>The fitted vocabulary parts by part name, for the training path's direct computation.</summary>
    internal IReadOnlyDictionary<string, Text.TextVectorizerModel> Vectorizers { get; }

    /// <summary>The part steps alone: each part in its own column, nothing concatenated.</summary>
    public TransformerChain<ITransformer> PartsTransformer { get; }

    /// <summary>The whole featurizer: input columns -> <see cref="FeaturePipeline.FeaturesColumn"/>.</summary>
    public TransformerChain<ITransformer> Transformer { get; }

    public void Dispose() => Transformer.Dispose();
}
