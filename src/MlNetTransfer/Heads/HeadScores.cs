namespace MlNetTransfer.Heads;

/// <summary>
/// Per-label probabilities from a head's outputs (<see cref="ClassificationHead"/>): a multiclass <c>Score</c> vector
/// normalised to sum 1, or a binary head's <c>Probability</c> as two probabilities. Pure functions shared by every
/// reader of scored rows (the workflows' predictions, domain adaptation's target probabilities).
/// </summary>
internal static class HeadScores
{
    /// <summary>A binary head's <c>Probability</c> of the second label as [1 - p, p].</summary>
    public static float[] BinaryProbabilities(float p) => [1 - p, p];

    /// <summary>A multiclass <c>Score</c> vector scaled in place to sum 1 (one-versus-all scores do not); returned.</summary>
    public static float[] NormalizedScores(float[] scores)
    {
        var sum = scores.Sum();
        if (sum > 0) for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
        return scores;
    }
}
