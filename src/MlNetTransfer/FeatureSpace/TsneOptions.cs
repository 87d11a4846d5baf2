using System.Globalization;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// Settings of <see cref="Tsne.Fit"/>; the defaults are scikit-learn 1.2's <c>TSNE</c> ones (perplexity 30, early
/// exaggeration 12 for 250 iterations, learning rate "auto", 1,000 iterations, angle 0.5, init "pca"), except the method:
/// <see cref="TsneMethod.Auto"/> picks the exact gradient for small data. Checked by <see cref="Problems"/>.
/// </summary>
public sealed record TsneOptions
{
    /// <summary>The effective number of neighbours each row's Gaussian is tuned to (2^entropy), &gt; 0 and below the number of rows. Default 30.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Factor on the input affinities during the first <see cref="EarlyExaggerationIterations"/> iterations (&gt;= 1). Default 12.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Iterations with exaggerated affinities and momentum 0.5 (then momentum 0.8). Default 250 (scikit-learn's fixed exploration phase).</summary>
    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>Gradient step; null (default) is scikit-learn's "auto": max(rows / <see cref="EarlyExaggeration"/> / 4, 50).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Total iterations, both phases (scikit-learn's <c>n_iter</c>). Default 1,000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// Barnes-Hut accuracy (scikit-learn's <c>angle</c>): a quadtree cell of width w at distance r from a point stands for
    /// all its points when w / r &lt; theta; in [0, 1], smaller is slower and more exact. Default 0.5.
    /// </summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Exact or Barnes-Hut gradient. Default <see cref="TsneMethod.Auto"/>.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Auto;

    /// <summary>The starting embedding. Default <see cref="TsneInitialization.Pca"/>.</summary>
    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Seeds the random initialisation; the same rows, options and seed give the same embedding, bit for bit, whatever <see cref="MaxThreads"/>.</summary>
    public int Seed { get; init; }

    /// <summary>Threads for the distances and the gradient; null (default): every core. The result does not depend on it.</summary>
    public int? MaxThreads { get; init; }

    /// <summary>Stop when the (gain-scaled) gradient's norm falls to this, checked every 50 iterations. Default 1e-7.</summary>
    public double MinGradientNorm { get; init; } = 1e-7;

    /// <summary>Stop after this many iterations without a lower KL divergence (checked every 50) in the second phase. Default 300.</summary>
    public int IterationsWithoutProgress { get; init; } = 300;

    /// <summary>Every problem with the values, each naming its property; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        if (!(Perplexity > 0) || double.IsInfinity(Perplexity)) problems.Add($"Perplexity must be a positive number (got {F(Perplexity)})");
        if (!(EarlyExaggeration >= 1) || double.IsInfinity(EarlyExaggeration)) problems.Add($"EarlyExaggeration must be at least 1 (got {F(EarlyExaggeration)})");
        if (LearningRate is { } rate && (!(rate > 0) || double.IsInfinity(rate))) problems.Add($"LearningRate must be positive, or null for auto (got {F(rate)})");
        if (MaxIterations < 1) problems.Add($"MaxIterations must be at least 1 (got {MaxIterations})");
        if (EarlyExaggerationIterations < 0 || EarlyExaggerationIterations > MaxIterations)
            problems.Add($"EarlyExaggerationIterations must be between 0 and MaxIterations ({MaxIterations}) (got {EarlyExaggerationIterations})");
        if (!(Theta >= 0 && Theta <= 1)) problems.Add($"Theta must be between 0 and 1 (got {F(Theta)})");
        if (!Enum.IsDefined(Method)) problems.Add($"Method must be Auto, Exact or BarnesHut (got {(int)Method})");
        if (!Enum.IsDefined(Initialization)) problems.Add($"Initialization must be Pca or Random (got {(int)Initialization})");
        if (MaxThreads is < 1) problems.Add($"MaxThreads must be at least 1, or null for every core (got {MaxThreads})");
        if (!(MinGradientNorm >= 0)) problems.Add($"MinGradientNorm must be 0 or more (got {F(MinGradientNorm)})");
        if (IterationsWithoutProgress < 1) problems.Add($"IterationsWithoutProgress must be at least 1 (got {IterationsWithoutProgress})");
        return problems;
    }
}
