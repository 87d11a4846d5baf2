using MlNetTransfer.Heads;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>How a domain-adaptation method trains its head(s): the trainer, its settings, progress and cancellation.</summary>
/// <param name="Trainer">The head trained on the adapted rows (methods with their own network, such as DANN, ignore it).</param>
public sealed record AdaptationContext(IHeadTrainer Trainer)
{
    /// <summary>Whether the head standardises its input (false for sparse L2-normalised features; from the featurizer).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Seed of every random choice (splits, initial weights, pseudo-label sampling).</summary>
    public int Seed { get; init; }

    /// <summary>Progress of the method's stages (rounds of self-training, DANN's epochs).</summary>
    public IProgress<WorkflowProgress>? Progress { get; init; }

    /// <summary>Checked between rounds and epochs.</summary>
    public CancellationToken Cancellation { get; init; }
}
