namespace MlNetTransfer.FeatureSpace;

/// <summary>The gradient of t-SNE's objective, KL(P ‖ Q) with Student-t Q (one degree of freedom), at a 2-D embedding.</summary>
internal interface ITsneObjective
{
    /// <summary>
    /// Writes ∂KL/∂y into <paramref name="gradient"/> for <paramref name="y"/> (both n x 2 interleaved) with P multiplied
    /// by <paramref name="exaggeration"/>; returns the KL divergence when <paramref name="computeError"/>, else NaN.
    /// </summary>
    double Gradient(double[] y, double[] gradient, double exaggeration, bool computeError);
}
