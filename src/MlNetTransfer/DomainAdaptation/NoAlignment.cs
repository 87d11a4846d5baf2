namespace MlNetTransfer.DomainAdaptation;

/// <summary>The source-only baseline (<c>none</c>): both maps are the identity, so the head sees the features as they are.</summary>
public sealed class NoAlignment : IFeatureAlignment
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public FittedAlignment Fit(IReadOnlyList<float[]> source, IReadOnlyList<float[]> target)
    {
        var size = AdaptationData.Width(source, target);
        return new FittedAlignment(AffineMap.Identity(size), AffineMap.Identity(size), "No adaptation: the head is trained on the source features as they are.", []);
    }
}
