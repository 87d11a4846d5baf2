namespace MlNetTransfer.DomainAdaptation;

/// <summary>What an <see cref="IFeatureAlignment"/> learned: one map per domain, both d -> k, and what to tell the user.</summary>
/// <param name="Source">Applied to source rows before the head is trained on them.</param>
/// <param name="Target">Applied to target rows (saved in the zip before the head).</param>
/// <param name="Summary">One sentence for the console (<c>CORAL with eps 10: source re-coloured with the target covariance.</c>).</param>
/// <param name="Values">Named numbers for the metrics JSON (camelCase), in the order they are written.</param>
public sealed record FittedAlignment(AffineMap Source, AffineMap Target, string Summary, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    /// <summary>Rows both maps write (k).</summary>
    public int OutputSize => Target.OutputSize;
}
