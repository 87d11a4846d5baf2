using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>lightgbm</c>: LightGBM gradient-boosted trees (Microsoft.ML.LightGbm): its native multiclass (softmax over one tree
/// per label per round, <c>Score</c> the class probabilities) for more than two labels, its binary objective for two
/// (<c>Score</c> the raw margin, <c>Probability</c> that of the second label). Defaults are LightGBM's and scikit-learn's
/// HistGradientBoosting ones rather than ML.NET's auto-tuned ones — learning rate 0.1, 100 rounds, up to 31 leaves, at
/// least 20 rows per leaf, every row in every tree — except <see cref="Bins"/> (63, not 255) and <see cref="FeatureFraction"/>
/// (0.5: each tree sees half the features, drawn with the seed), which on 512-d embeddings cut the time about threefold at
/// the same accuracy within noise (BENCHMARKS.md, <c>heads-speed</c>). Deterministic: LightGBM's <c>deterministic</c> and
/// <c>force_col_wise</c> are on and its seeds are the context's, so two fits on the same data give identical trees; it
/// trains on one thread (LightGBM's OpenMP threads spin while they wait, and on a machine whose cores are busy with other
/// work that made a fit tens of times slower). Trees need no standardisation; <see cref="HeadTrainingContext.Standardize"/>
/// is ignored. A saved model needs Microsoft.ML.LightGbm to load.
/// </summary>
/// <param name="Iterations">Boosting rounds. Default 100.</param>
/// <param name="Leaves">Most leaves per tree. Default 31.</param>
/// <param name="LearningRate">Shrinkage of each tree's contribution. Default 0.1.</param>
/// <param name="MinimumExamplesPerLeaf">Fewest training rows in a leaf. Default 20.</param>
/// <param name="Bins">Most bins per feature. Default 63.</param>
/// <param name="FeatureFraction">Share of the features each tree may split on, drawn per tree with the seed. Default 0.5.</param>
public sealed class LightGbmHead(int Iterations = 100, int Leaves = 31, double LearningRate = 0.1, int MinimumExamplesPerLeaf = 20,
    int Bins = 63, double FeatureFraction = 0.5) : IHeadTrainer
{
    /// <summary>Boosting rounds.</summary>
    public int Iterations { get; } = Iterations;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; } = Leaves;

    /// <summary>Shrinkage of each tree's contribution.</summary>
    public double LearningRate { get; } = LearningRate;

    /// <summary>Fewest training rows in a leaf.</summary>
    public int MinimumExamplesPerLeaf { get; } = MinimumExamplesPerLeaf;

    /// <summary>Most bins per feature.</summary>
    public int Bins { get; } = Bins;

    /// <summary>Share of the features each tree may split on.</summary>
    public double FeatureFraction { get; } = FeatureFraction;

    /// <inheritdoc />
    public string Name => "lightgbm";

    /// <inheritdoc />
    public string Description => "LightGBM gradient-boosted trees (native multiclass, or binary)";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        var problems = new List<string>();
        if (Iterations <= 0) problems.Add($"iterations must be positive (got {Iterations})");
        if (Leaves < 2) problems.Add($"leaves must be at least 2 (got {Leaves})");
        if (!(LearningRate > 0)) problems.Add($"learning rate must be positive (got {LearningRate})");
        if (MinimumExamplesPerLeaf <= 0) problems.Add($"minimum examples per leaf must be positive (got {MinimumExamplesPerLeaf})");
        if (Bins < 2) problems.Add($"bins must be at least 2 (got {Bins})");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) problems.Add($"feature fraction must be in (0, 1] (got {FeatureFraction})");
        if (problems.Count > 0) throw new UserInputException($"Invalid LightGBM options: {string.Join("; ", problems)}.");

        var booster = new GradientBooster.Options { FeatureFraction = FeatureFraction };
        if (context.Labels.Count == 2)
            return LightGbmFit.Run(() => BinaryHead.Fit(ml, data, context, ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = BinaryHead.LabelBool,
                FeatureColumnName = context.FeatureColumn,
                NumberOfIterations = Iterations,
                NumberOfLeaves = Leaves,
                LearningRate = LearningRate,
                MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
                MaximumBinCountPerFeature = Bins,
                Booster = booster,
                Seed = context.Seed,
                Deterministic = true,
                ForceColumnWise = true,
                NumberOfThreads = 1,
            })), data, MinimumExamplesPerLeaf);
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        return LightGbmFit.Run(() => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = ClassificationHead.LabelKey,
                FeatureColumnName = context.FeatureColumn,
                NumberOfIterations = Iterations,
                NumberOfLeaves = Leaves,
                LearningRate = LearningRate,
                MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
                MaximumBinCountPerFeature = Bins,
                Booster = booster,
                Seed = context.Seed,
                Deterministic = true,
                ForceColumnWise = true,
                NumberOfThreads = 1,
            })
            .Append(ClassificationHead.KeyToLabel(ml))
            .Fit(keyed), data, MinimumExamplesPerLeaf);
    }
}
