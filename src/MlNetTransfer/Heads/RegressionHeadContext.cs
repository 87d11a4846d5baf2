namespace MlNetTransfer.Heads;

/// <summary>What every regression head is told when it is fitted, whatever its own options.</summary>
public sealed record RegressionHeadContext
{
    /// <summary>The features column: a known-size float vector. Default <c>Features</c>.</summary>
    public string FeatureColumn { get; init; } = "Features";

    /// <summary>The label column: float (Single), finite. Default <c>Label</c>.</summary>
    public string LabelColumn { get; init; } = "Label";

    /// <summary>
    /// Whether heads that standardise their inputs should (default true: right for embeddings and numbers); false when
    /// the features hold sparse, L2-normalised bag-of-words / tf-idf parts (the feature parts decide).
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Seed of heads with randomness.</summary>
    public int Seed { get; init; }

    /// <summary>Epoch-by-epoch progress of heads that train in epochs (the MLP); null: none.</summary>
    public IProgress<MlpEpoch>? Progress { get; init; }

    /// <summary>
    /// Stops a fit early (an <see cref="OperationCanceledException"/>): heads that train in epochs check it between epochs;
    /// ML.NET trainers are stopped by the caller through <c>MLContext.CancelExecution</c>. Default: none.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}
