using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>fasttree</c>: ML.NET's FastTree gradient-boosted trees (Microsoft.ML.FastTree): one binary model for two labels
/// (<c>Score</c> is then its raw margin and <c>Probability</c> the calibrated probability of the second label),
/// one-versus-all for more (one binary model per label, Platt-calibrated, <c>Score</c> the normalised probabilities).
/// Trees need no standardisation; <see cref="HeadTrainingContext.Standardize"/> is ignored. Deterministic: FastTree's
/// seeds (<c>Seed</c>, <c>FeatureSelectionSeed</c>) are the context's.
/// <para>
/// Defaults: ML.NET's FastTree defaults (100 trees of 20 leaves, learning rate 0.2, at least 10 rows per leaf, every
/// feature) except <see cref="Bins"/> = 32 (ML.NET's default is 255): on dense embeddings every feature has as many
/// distinct values as rows, and finding each leaf's best split over 255 bins of 512 features is most of a tree's cost.
/// One-versus-all stays: ten labels are ten binary models, each converting the data again (about 0.6 s on 4,000 × 512);
/// it is the slow tree head on many labels, and <see cref="LightGbmHead"/> (one multiclass model) the fast one
/// (BENCHMARKS.md, <c>heads-speed</c>).
/// </para>
/// </summary>
/// <param name="Trees">Boosting rounds: trees per binary model. Default 100.</param>
/// <param name="Leaves">Most leaves per tree. Default 20.</param>
/// <param name="LearningRate">Shrinkage of each tree's contribution. Default 0.2.</param>
/// <param name="MinimumExamplesPerLeaf">Fewest training rows in a leaf. Default 10.</param>
/// <param name="Bins">Most bins per feature (FastTree's <c>MaximumBinCountPerFeature</c>): split thresholds are looked for between bins. Default 32.</param>
/// <param name="FeatureFraction">Share of the features each tree may split on, drawn at random per tree (seeded). Default 1.</param>
public sealed class FastTreeHead(int Trees = 100, int Leaves = 20, double LearningRate = 0.2, int MinimumExamplesPerLeaf = 10,
    int Bins = 32, double FeatureFraction = 1) : IHeadTrainer
{
    /// <summary>Boosting rounds: trees per binary model.</summary>
    public int Trees { get; } = Trees;

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
    public string Name => "fasttree";

    /// <inheritdoc />
    public string Description => "FastTree gradient-boosted trees (binary, or one-versus-all)";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, HeadTrainingContext context)
    {
        var problems = new List<string>();
        if (Trees <= 0) problems.Add($"trees must be positive (got {Trees})");
        if (Leaves < 2) problems.Add($"leaves must be at least 2 (got {Leaves})");
        if (!(LearningRate > 0)) problems.Add($"learning rate must be positive (got {LearningRate})");
        if (MinimumExamplesPerLeaf <= 0) problems.Add($"minimum examples per leaf must be positive (got {MinimumExamplesPerLeaf})");
        if (Bins < 2) problems.Add($"bins must be at least 2 (got {Bins})");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1)) problems.Add($"feature fraction must be in (0, 1] (got {FeatureFraction})");
        if (problems.Count > 0) throw new UserInputException($"Invalid FastTree options: {string.Join("; ", problems)}.");

        if (context.Labels.Count == 2) return BinaryHead.Fit(ml, data, context, Trainer(ml, BinaryHead.LabelBool, context));
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        return ml.MulticlassClassification.Trainers.OneVersusAll(Trainer(ml, ClassificationHead.LabelKey, context), ClassificationHead.LabelKey)
            .Append(ClassificationHead.KeyToLabel(ml))
            .Fit(keyed);
    }

    private FastTreeBinaryTrainer Trainer(MLContext ml, string label, HeadTrainingContext context) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = context.FeatureColumn,
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
            MaximumBinCountPerFeature = Bins,
            FeatureFraction = FeatureFraction,
            Seed = context.Seed,
            FeatureSelectionSeed = context.Seed,
        });
}
