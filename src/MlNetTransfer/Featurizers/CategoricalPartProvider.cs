using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>categorical</c>: each categorical column one-hot encoded, one part per column named <c>&lt;column&gt;.onehot</c>:
/// ML.NET's <c>OneHotEncoding</c> (indicator output, one slot per value seen in training, sorted by value; the slot
/// names are the values), a stock step, so the zip loads in a plain ML.NET app. An empty cell (a missing category) and a
/// value not seen in training are all zeros. The slots stay 0/1 in the part (<c>featurize</c> writes them so, named
/// <c>&lt;column&gt;=&lt;value&gt;</c>); heads standardise them as they do the numeric part's (<see cref="StandardizeInHead"/>).
/// </summary>
public sealed class CategoricalPartProvider : IFeaturePartProvider
{
    /// <summary>The featurizer name, the suffix of each part's name (<c>Island.onehot</c>).</summary>
    public const string Name = "onehot";

    /// <summary>The kind's registry name.</summary>
    public const string KindName = "categorical";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Categorical;

    /// <summary>
    /// True, as for the numeric part: the slots are a few dense 0/1 columns (at most 50 per detected column, each value
    /// seen about five times or more), not thousands of rare terms, and the flag holds for the whole features vector, so
    /// false would also leave the image embeddings and numbers of a mixed CSV unstandardised.
    /// </summary>
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => [Name];

    /// <inheritdoc />
    public FeaturizerChoice? TryResolve(string name) =>
        string.Equals(name.Trim(), Name, StringComparison.OrdinalIgnoreCase) ? new FeaturizerChoice(Name, this) : null;

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Select(column => new FeaturePart($"{column}.{choice.Name}", Kind, [column], choice.Name)).ToList();

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
        new(part, ml.Transforms.Categorical.OneHotEncoding(part.Name, part.Inputs[0], OneHotEncodingEstimator.OutputKind.Indicator,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(view));

    /// <summary>The name <c>featurize</c> gives the slot of <paramref name="value"/> in column <paramref name="column"/>: <c>&lt;column&gt;=&lt;value&gt;</c>.</summary>
    public static string SlotName(string column, string value) => $"{column}={value}";
}
