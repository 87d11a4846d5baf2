using Microsoft.ML;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// An optional step between the features and the head (dimensionality reduction such as PCA, domain adaptation such
/// as CORAL): fitted once on the in-memory training features, applied to the in-memory training and test features, and
/// saved in the zip between the featurizer and the head, so the saved model applies it to every row. The returned
/// transformer must read and write the same column (<c>Features</c> in the workflows), a known-size float vector, and be
/// stock ML.NET steps or a generated ONNX graph (so a plain ML.NET app loads the zip).
/// </summary>
public interface IFeatureSpaceTransform
{
    /// <summary>A short name for progress and reports (e.g. <c>pca(32)</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Fits the step on <paramref name="trainingFeatures"/> (rows of <paramref name="featureColumn"/>, plus a text
    /// <c>Label</c> column that a label-free method must ignore); the step maps <paramref name="featureColumn"/> to itself.
    /// </summary>
    ITransformer Fit(MLContext ml, IDataView trainingFeatures, string featureColumn);

    /// <summary>
    /// Fits the step as <see cref="Fit"/> does and says what it learned (the workflows print the report's summary and
    /// write its values into the metrics JSON). Default: <see cref="Fit"/>'s step with no report.
    /// </summary>
    FittedFeatureSpace FitWithReport(MLContext ml, IDataView trainingFeatures, string featureColumn) =>
        new(Fit(ml, trainingFeatures, featureColumn));
}
