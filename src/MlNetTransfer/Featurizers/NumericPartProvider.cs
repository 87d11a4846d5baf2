using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>numeric</c>: all numeric columns together as one dense part named <c>numeric</c>: Concatenate, missing values
/// (empty cells, NaN) replaced by the training column's mean, then standardised with the training statistics:
/// z = (x − mean) / std (<c>NormalizeMeanVariance</c> with <c>fixZero: false</c>; ML.NET's default keeps zero fixed and
/// divides by sqrt(mean² + var), which leaves a column far from zero, such as a flipper length of 200 ± 14 mm, almost
/// constant and lets one-hot columns swamp it in PCA, t-SNE and penalised heads).
/// </summary>
public sealed class NumericPartProvider : IFeaturePartProvider
{
    /// <summary>The featurizer and part name.</summary>
    public const string Name = "numeric";

    /// <summary>The kind's registry name.</summary>
    public const string KindName = "numeric";

    /// <inheritdoc />
    public string Kind => KindName;

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
            .Append(ml.Transforms.NormalizeMeanVariance(part.Name, fixZero: false))
            .Fit(view));
}
