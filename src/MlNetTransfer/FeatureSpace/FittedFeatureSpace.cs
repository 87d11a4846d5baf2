using Microsoft.ML;

namespace MlNetTransfer.FeatureSpace;

/// <summary>A fitted feature-space step (<see cref="IFeatureSpaceTransform.FitWithReport"/>) and, when it has one, what it learned.</summary>
/// <param name="Transformer">The saved step, reading and writing the features column.</param>
/// <param name="Report">What the step learned (PCA's number of components and explained variance), or null when it has nothing to report.</param>
public sealed record FittedFeatureSpace(ITransformer Transformer, FeatureSpaceReport? Report = null);
