namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// What a fitted feature-space step learned, for the user: one line for the console (<paramref name="Summary"/>) and
/// named numbers for the metrics JSON, written there as an object under <paramref name="Key"/> (e.g. <c>"pca":
/// {"components": 21, "explainedVarianceRatio": 0.903}</c>).
/// </summary>
/// <param name="Key">The metrics JSON key, camelCase (<c>pca</c>).</param>
/// <param name="Summary">One sentence, e.g. <c>PCA kept 21 of 64 components, explaining 90.3% of the variance.</c></param>
/// <param name="Values">The numbers, by camelCase name, in the order they are written.</param>
public sealed record FeatureSpaceReport(string Key, string Summary, IReadOnlyList<KeyValuePair<string, double>> Values);
