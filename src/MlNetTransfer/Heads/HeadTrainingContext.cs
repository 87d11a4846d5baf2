namespace MlNetTransfer.Heads;

/// <summary>
/// What every head is told when it is fitted, whatever its own options.
/// </summary>
/// <param name="Labels">The labels in score order (at least two; sorted ordinally by the workflows).</param>
public sealed record HeadTrainingContext(IReadOnlyList<string> Labels)
{
    /// <summary>The features column: a known-size float vector. Default <c>Features</c>.</summary>
    public string FeatureColumn { get; init; } = "Features";

    /// <summary>The text label column. Default <c>Label</c>.</summary>
    public string LabelColumn { get; init; } = "Label";

    /// <summary>
    /// Whether heads that standardise their inputs should (default true: right for embeddings and numbers). False when
    /// the features hold sparse, L2-normalised bag-of-words / tf-idf parts, where standardising rare terms hurts; the
    /// feature parts decide (each kind says whether heads should standardise it).
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Seed of heads with randomness (the MLP's initialisation, shuffling, dropout, validation split).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stops a fit early (an <see cref="OperationCanceledException"/>): heads that train in epochs check it between epochs;
    /// ML.NET trainers are stopped by the caller through <c>MLContext.CancelExecution</c>. Default: none.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Epoch-by-epoch progress of heads that train in epochs (the MLP); null: none.</summary>
    public IProgress<MlpEpoch>? Progress { get; init; }
}
