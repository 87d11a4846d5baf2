using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>lightgbm</c>: LightGBM gradient-boosted regression trees (Microsoft.ML.LightGbm; least squares), with LightGBM's and
/// scikit-learn's HistGradientBoosting defaults rather than ML.NET's auto-tuned ones: learning rate 0.1, 100 trees of up to
/// 31 leaves, at least 20 rows per leaf, 255 bins per feature, every row and feature in every tree — sane on small
/// tabular sets and on 512-d embeddings alike, and nothing sampled, so the seed matters little. Deterministic:
/// LightGBM's <c>deterministic</c> and <c>force_col_wise</c> are on and its seed is the context's, so two fits on the same
/// data give identical trees whatever the thread count. One thread, as the classifier: LightGBM's thread count is
/// process-wide, and two fits in one process with different counts crashed it. Trees need no standardisation;
/// <see cref="RegressionHeadContext.Standardize"/> is ignored. A saved model needs Microsoft.ML.LightGbm to load.
/// </summary>
/// <param name="Iterations">Boosting rounds: the number of trees. Default 100.</param>
/// <param name="LearningRate">Shrinkage of each tree's contribution. Default 0.1.</param>
/// <param name="Leaves">Most leaves per tree. Default 31.</param>
/// <param name="MinimumExamplesPerLeaf">Fewest training rows in a leaf. Default 20.</param>
public sealed class LightGbmRegressionHead(int Iterations = 100, double LearningRate = 0.1, int Leaves = 31, int MinimumExamplesPerLeaf = 20)
    : IRegressionHeadTrainer
{
    /// <summary>Boosting rounds: the number of trees.</summary>
    public int Iterations { get; } = Iterations;

    /// <summary>Shrinkage of each tree's contribution.</summary>
    public double LearningRate { get; } = LearningRate;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; } = Leaves;

    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinimumExamplesPerLeaf { get; } = MinimumExamplesPerLeaf;

    /// <inheritdoc />
    public string Name => "lightgbm";

    /// <inheritdoc />
    public string Description => "LightGBM gradient-boosted regression trees (100 trees, 31 leaves, learning rate 0.1)";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        var problems = new List<string>();
        if (Iterations <= 0) problems.Add($"iterations must be positive (got {Iterations})");
        if (!(LearningRate > 0)) problems.Add($"learning rate must be positive (got {LearningRate})");
        if (Leaves < 2) problems.Add($"leaves must be at least 2 (got {Leaves})");
        if (MinimumExamplesPerLeaf <= 0) problems.Add($"minimum examples per leaf must be positive (got {MinimumExamplesPerLeaf})");
        if (problems.Count > 0) throw new UserInputException($"Invalid LightGBM options: {string.Join("; ", problems)}.");
        return LightGbmFit.Run(() => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = context.LabelColumn,
            FeatureColumnName = context.FeatureColumn,
            NumberOfIterations = Iterations,
            LearningRate = LearningRate,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
            Seed = context.Seed,
            Deterministic = true,
            ForceColumnWise = true,
            // As the classifier: LightGBM keeps its thread count process-wide, and a fit with another count running beside
            // it (two trainings in one process: the test suite) pushed rows past its per-thread buffers (SIGSEGV in
            // SparseBin::Push under LGBM_DatasetPushRowsByCSR).
            NumberOfThreads = 1,
        }).Fit(data), data, MinimumExamplesPerLeaf);
    }
}
