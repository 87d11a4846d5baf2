using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>Catalog extension for the MLP head: <c>ml.MulticlassClassification.Trainers.Mlp()</c>.</summary>
public static class MlpCatalog
{
    /// <summary>An MLP classification head (defaults: Dense 256 + ReLU, dropout 0.2, Adam 1e-3, early stopping; see <see cref="MlpOptions"/>).</summary>
    public static MlpEstimator Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", MlpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpEstimator(labelColumnName, featureColumnName, options ?? new MlpOptions());
    }
}
