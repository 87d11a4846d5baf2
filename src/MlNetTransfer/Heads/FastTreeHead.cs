using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>fasttree</c>: ML.NET's FastTree gradient-boosted trees (Microsoft.ML.FastTree): one binary model for two labels
/// (<c>Score</c> is then its raw margin and <c>Probability</c> the calibrated probability of the second label),
/// one-versus-all for more (one binary model per label, Platt-calibrated, <c>Score</c> the normalised probabilities).
/// Trees need no standardisation; <see cref="HeadTrainingContext.Standardize"/> is ignored. Deterministic: FastTree's
/// seeds (<c>Seed</c>, <c>FeatureSelectionSeed</c>) are the context's.
/// <para>
/// Defaults: ML.NET's FastTree defaults (100 trees of 20 leaves, learning rate 0.2, at least 10 rows per leaf) except three
/// that decide the cost on dense embeddings, where every feature has as many distinct values as rows (measured on
/// 4,000 × 512 ResNet18 embeddings, 10 labels, one-versus-all: 106.7 s of CPU with ML.NET's defaults; BENCHMARKS.md,
/// <c>heads-speed</c>): <see cref="Bins"/> = 16 (ML.NET's default is 255: each leaf's best split is looked for over
/// every bin of every feature); each tree draws at most <see cref="MaxFeaturesPerTree"/> = 128 features at random
/// (<see cref="FeatureFraction"/> unset: 128 / features when there are more, so 1/4 of a 512-d embedding and every
/// feature of a table with 128 or fewer; a tree's cost is proportional to the features it may split on); and no feature
/// flocks (FastTree's <c>FeatureFlocks</c>, which groups sparse features when converting the data, a conversion that
/// one-versus-all repeats for every label and that dense features gain nothing from).
/// One-versus-all stays: ten labels are ten binary models; <see cref="LightGbmHead"/> is one multiclass model.
/// </para>
/// </summary>
/// <param name="Trees">Boosting rounds: trees per binary model. Default 100.</param>
/// <param name="Leaves">Most leaves per tree. Default 20.</param>
/// <param name="LearningRate">Shrinkage of each tree's contribution. Default 0.2.</param>
/// <param name="MinimumExamplesPerLeaf">Fewest training rows in a leaf. Default 10.</param>
/// <param name="Bins">Most bins per feature (FastTree's <c>MaximumBinCountPerFeature</c>): split thresholds are looked for between bins. Default 16.</param>
/// <param name="FeatureFraction">Share of the features each tree may split on, drawn at random per tree (seeded), in (0, 1]; unset (default): <see cref="MaxFeaturesPerTree"/> / features, at most 1.</param>
/// <param name="FeatureFlocks">Let FastTree group features into flocks when converting the data (its default, true); default false.</param>
public sealed class FastTreeHead(int Trees = 100, int Leaves = 20, double LearningRate = 0.2, int MinimumExamplesPerLeaf = 10,
    int Bins = 16, double? FeatureFraction = null, bool FeatureFlocks = false) : IHeadTrainer
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

    /// <summary>Share of the features each tree may split on; null: <see cref="MaxFeaturesPerTree"/> / features, at most 1.</summary>
    public double? FeatureFraction { get; } = FeatureFraction;

    /// <summary>Whether FastTree groups features into flocks when it converts the data.</summary>
    public bool FeatureFlocks { get; } = FeatureFlocks;

    /// <summary>Most features a tree draws when <see cref="FeatureFraction"/> is unset.</summary>
    public const int MaxFeaturesPerTree = 128;

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
        if (FeatureFraction is { } fraction && !(fraction > 0 && fraction <= 1)) problems.Add($"feature fraction must be in (0, 1] (got {FeatureFraction})");
        if (problems.Count > 0) throw new UserInputException($"Invalid FastTree options: {string.Join("; ", problems)}.");

        var features = data.Schema.GetColumnOrNull(context.FeatureColumn)?.Type is VectorDataViewType { Size: > 0 } vector ? vector.Size : 1;
        var featureFraction = FeatureFraction ?? Math.Min(1.0, (double)MaxFeaturesPerTree / features);
        if (context.Labels.Count == 2) return BinaryHead.Fit(ml, data, context, Trainer(ml, BinaryHead.LabelBool, context, featureFraction));
        var keyed = ClassificationHead.KeyLabels(ml, data, context);
        return ml.MulticlassClassification.Trainers.OneVersusAll(Trainer(ml, ClassificationHead.LabelKey, context, featureFraction), ClassificationHead.LabelKey)
            .Append(ClassificationHead.KeyToLabel(ml))
            .Fit(keyed);
    }

    private FastTreeBinaryTrainer Trainer(MLContext ml, string label, HeadTrainingContext context, double featureFraction) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = label,
            FeatureColumnName = context.FeatureColumn,
            NumberOfTrees = Trees,
            NumberOfLeaves = Leaves,
            LearningRate = LearningRate,
            MinimumExampleCountPerLeaf = MinimumExamplesPerLeaf,
            MaximumBinCountPerFeature = Bins,
            FeatureFraction = featureFraction,
            FeatureFlocks = FeatureFlocks,
            Seed = context.Seed,
            FeatureSelectionSeed = context.Seed,
        });
}
