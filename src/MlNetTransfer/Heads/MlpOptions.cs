namespace MlNetTransfer.Heads;

/// <summary>
/// Settings of the <c>mlp</c> heads: hidden ReLU layers, a softmax output (classification) or one linear output
/// (regression), Adam, mini-batches, a validation split (stratified for classes, random for regression) watched for
/// early stopping (the best epoch's weights are kept). Defaults follow the Keras transfer-learning
/// recipe: one hidden layer of 256, dropout 0.2, Adam(1e-3, 0.9, 0.999, 1e-7).
/// </summary>
public sealed record MlpOptions
{
    /// <summary>Units of each hidden layer. Default: one layer of 256.</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [256];

    /// <summary>Dropout rate after each hidden layer during training (inverted dropout). Default 0.2.</summary>
    public float Dropout { get; init; } = 0.2f;

    /// <summary>L2 penalty on the weights (not the biases): loss += L2/2 * sum(w^2). Default 1e-4.</summary>
    public float L2 { get; init; } = 1e-4f;

    /// <summary>Adam step size. Default 1e-3.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Adam's decay rate for the running mean of the gradients (β1 in Kingma and Ba, 2015). Default 0.9.</summary>
    public float Beta1 { get; init; } = 0.9f;
    /// <summary>Adam's decay rate for the running mean of the squared gradients (β2). Default 0.999.</summary>
    public float Beta2 { get; init; } = 0.999f;
    /// <summary>
    /// Adam's ε, added to the bias-corrected √v̂ as in Algorithm 1 of Kingma and Ba (2015) and PyTorch's Adam (Keras adds
    /// it to the uncorrected √v). Default 1e-7 (Keras's default; PyTorch's is 1e-8).
    /// </summary>
    public float Epsilon { get; init; } = 1e-7f;

    /// <summary>Examples per Adam step. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Upper bound on passes over the training data. Default 200.</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Stop after this many epochs without a better validation loss. Default 10.</summary>
    public int Patience { get; init; } = 10;

    /// <summary>
    /// Adam steps every run trains before early stopping may choose an epoch: epochs that end before this many steps are
    /// neither kept nor counted towards <see cref="Patience"/> (at least one epoch always counts). Default 300. With a few
    /// hundred rows an epoch is a handful of steps, and the validation loss of a dozen held-out rows, dominated by one
    /// confidently wrong row, can be lowest after the first epoch, while the network has barely moved from its random start.
    /// With thousands of rows it is a few epochs and changes nothing.
    /// </summary>
    public int MinimumSteps { get; init; } = 300;

    /// <summary>
    /// Share of the training data held out for early stopping: stratified by class for a classifier, drawn at random for a
    /// regression. Default 0.1; 0 trains all epochs on everything.
    /// </summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>
    /// After early stopping has chosen the number of epochs on the validation split, train a fresh network with the same
    /// seed on every row (validation rows included, standardised with every row's statistics) for that many epochs, and
    /// keep it (default true): on small data the held-out share is too much to leave out. False keeps the early-stopped
    /// network trained without the validation rows. Nothing changes when <see cref="ValidationFraction"/> is 0.
    /// </summary>
    public bool Refit { get; init; } = true;

    /// <summary>
    /// Floor of each input's standard deviation, as a fraction of the median of the inputs' standard deviations
    /// (inputs whose standard deviation is 0 left out of the median): an input is divided by max(std, floor · median std).
    /// Default 0.1. Without it an input that is almost constant in the training rows (a ResNet feature active in one
    /// image of a hundred) is blown up to the scale of the others and a test row where it is active gets a huge value.
    /// 0 gives scikit-learn's <c>StandardScaler</c> rule (only constant inputs are left unscaled).
    /// </summary>
    public double StdFloor { get; init; } = 0.1;

    /// <summary>Weight each class by n / (classes * n_class) in the loss, for imbalanced data. Default false. A regression ignores it.</summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Seeds initialisation, shuffling, dropout and the validation split: same seed, same model.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Standardise each input with the training rows' mean and standard deviation (default). Off for sparse,
    /// L2-normalised tf-idf rows, where a term seen in one training document would get a huge scale.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>
    /// What is wrong with these options, one phrase each (for example <c>dropout must be in [0, 1) (got 1)</c>); empty when
    /// they are valid. Checks hidden layer sizes, dropout, L2, learning rate, batch size, max epochs and validation fraction;
    /// not <see cref="Beta1"/>, <see cref="Beta2"/>, <see cref="Epsilon"/> or <see cref="Patience"/>.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (HiddenLayers.Any(h => h <= 0)) problems.Add($"hidden layer sizes must be positive (got {string.Join(",", HiddenLayers)})");
        if (Dropout is < 0 or >= 1) problems.Add($"dropout must be in [0, 1) (got {Dropout})");
        if (L2 < 0) problems.Add($"L2 must be non-negative (got {L2})");
        if (LearningRate <= 0) problems.Add($"learning rate must be positive (got {LearningRate})");
        if (BatchSize <= 0) problems.Add($"batch size must be positive (got {BatchSize})");
        if (MaxEpochs <= 0) problems.Add($"max epochs must be positive (got {MaxEpochs})");
        if (MinimumSteps < 0) problems.Add($"minimum steps must be non-negative (got {MinimumSteps})");
        if (ValidationFraction is < 0 or >= 1) problems.Add($"validation fraction must be in [0, 1) (got {ValidationFraction})");
        if (!(StdFloor >= 0 && double.IsFinite(StdFloor))) problems.Add($"std floor must be a non-negative number (got {StdFloor})");
        return problems;
    }
}
