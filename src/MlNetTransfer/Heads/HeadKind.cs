namespace MlNetTransfer.Heads;

/// <summary>The trainable part on top of the frozen features.</summary>
public enum HeadKind
{
    /// <summary>Multinomial logistic regression (ML.NET LbfgsMaximumEntropy) on mean/variance-normalised features.</summary>
    Lr,

    /// <summary>FastTree gradient-boosted trees: binary for two classes, one-versus-all for more.</summary>
    FastTree,

    /// <summary>Multilayer perceptron (Dense 256 + ReLU + softmax by default) trained with Adam and early stopping; saved as an ONNX graph.</summary>
    Mlp,
}
