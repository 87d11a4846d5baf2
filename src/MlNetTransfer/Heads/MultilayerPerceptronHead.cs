using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>mlp</c>: a multilayer perceptron trained by <see cref="MlpTrainer"/> and saved as stock ML.NET steps around a
/// generated ONNX graph (<see cref="MlpHead"/>). <see cref="Options"/> are the network's; when null, the defaults of
/// <see cref="MlpOptions"/> with the context's seed and standardisation.
/// </summary>
/// <param name="Options">The network and training settings; null: defaults, seeded by the context.</param>
public sealed class MultilayerPerceptronHead(MlpOptions? Options = null) : IHeadTrainer
{
    /// <summary>The settings given at construction; null: defaults.</summary>
    public MlpOptions? Options { get; } = Options;

    /// <inheritdoc />
    public string Name => "mlp";

    /// <inheritdoc />
    public string Description => "multilayer perceptron (Dense 256 + ReLU + dropout + softmax, Adam, early stopping), saved as ONNX";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        var options = Options ?? new MlpOptions { Seed = context.Seed, Standardize = context.Standardize };
        return MlpHead.Fit(ml, data, context.Labels, context.FeatureColumn, context.LabelColumn, options, context.Progress, context.Cancellation);
    }
}
