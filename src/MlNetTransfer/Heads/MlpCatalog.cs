using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>Catalog extension for the MLP head: <c>ml.MulticlassClassification.Trainers.Mlp(ml)</c>.</summary>
public static class MlpCatalog
{
    /// <summary>
    /// An MLP classification head (defaults: Dense 256 + ReLU, dropout 0.2, Adam 1e-3, early stopping; see <see cref="MlpOptions"/>),
    /// a drop-in for ML.NET's multiclass trainers: with a key label it adds <c>Score</c> (a flat vector of one probability
    /// per key value) and <c>PredictedLabel</c> (a key with the label's key values); with a text label, the output
    /// contract of <see cref="ClassificationHead"/> (see <see cref="MlpEstimator"/>).
    /// </summary>
    /// <param name="catalog">The multiclass trainers of <paramref name="mlContext"/>: <c>mlContext.MulticlassClassification.Trainers</c>.</param>
    /// <param name="mlContext">
    /// The context the catalog belongs to. ML.NET gives extension methods no public access to a catalog's context, so it
    /// is passed too; the head's steps are fitted in it (its log and temp folder). The network's own randomness is
    /// seeded by <see cref="MlpOptions.Seed"/>.
    /// </param>
    /// <param name="labelColumnName">The label column: a key (as ML.NET's trainers take it) or text.</param>
    /// <param name="featureColumnName">The features column: a known-size vector of Single.</param>
    /// <param name="options">The network and training settings (default: <see cref="MlpOptions"/>'s defaults).</param>
    /// <exception cref="ArgumentException"><paramref name="catalog"/> is not <paramref name="mlContext"/>'s.</exception>
    public static MlpEstimator Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MLContext mlContext,
        string labelColumnName = "Label", string featureColumnName = "Features", MlpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(mlContext);
        if (!ReferenceEquals(mlContext.MulticlassClassification.Trainers, catalog))
            throw new ArgumentException("The trainers catalog belongs to another MLContext: call mlContext.MulticlassClassification.Trainers.Mlp(mlContext, ...).", nameof(mlContext));
        return new MlpEstimator(mlContext, labelColumnName, featureColumnName, options ?? new MlpOptions());
    }
}
