using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>mlp</c> (regression): a multilayer perceptron with one linear output trained by <see cref="MlpTrainer.TrainRegression"/>
/// (squared error on the standardised label, early stopping on a random validation split) and saved as stock ML.NET steps
/// around a generated ONNX graph (<see cref="MlpRegressionHead"/>). <see cref="Options"/> are the network's; when null,
/// the defaults of <see cref="MlpOptions"/> with the context's seed and standardisation.
/// </summary>
/// <param name="Options">The network and training settings; null: defaults, seeded by the context.</param>
public sealed class MultilayerPerceptronRegressionHead(MlpOptions? Options = null) : IRegressionHeadTrainer
{
    /// <summary>The settings given at construction; null: defaults.</summary>
    public MlpOptions? Options { get; } = Options;

    /// <inheritdoc />
    public string Name => "mlp";

    /// <inheritdoc />
    public string Description => "multilayer perceptron (Dense 256 + ReLU + dropout + linear output, squared error, Adam, early stopping), saved as ONNX";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        var options = Options ?? new MlpOptions { Seed = context.Seed, Standardize = context.Standardize };
        return MlpRegressionHead.Fit(ml, data, context.FeatureColumn, context.LabelColumn, options, context.Progress, context.Cancellation);
    }
}
