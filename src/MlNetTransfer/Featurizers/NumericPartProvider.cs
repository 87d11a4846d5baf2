using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>numeric</c>: all numeric columns together as one dense part named <c>numeric</c>: Concatenate, missing values
/// (empty cells, NaN) replaced by the training column's mean, then NormalizeMeanVariance with the training statistics.
/// </summary>
public sealed class NumericPartProvider : IFeaturePartProvider
{
    /// <summary>The featurizer and part name.</summary>
    public const string Name = "numeric";

    /// <inheritdoc />
    public string Kind => "numeric";

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Numeric;

    /// <inheritdoc />
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => [Name];

    /// <inheritdoc />
    public FeaturizerChoice? TryResolve(string name) =>
        string.Equals(name.Trim(), Name, StringComparison.OrdinalIgnoreCase) ? new FeaturizerChoice(Name, this) : null;

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Count == 0 ? [] : [new FeaturePart(Name, Kind, columns, Name)];

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
        new(part, ml.Transforms.Concatenate(part.Name, part.Inputs.ToArray())
            .Append(ml.Transforms.ReplaceMissingValues(part.Name, replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean))
            .Append(ml.Transforms.NormalizeMeanVariance(part.Name))
            .Fit(view));
}
