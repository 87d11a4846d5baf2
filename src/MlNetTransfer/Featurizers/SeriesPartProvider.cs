using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.Series;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>series</c>: each series through each series featurizer (<c>stats</c>, <c>fft</c>, <c>wavelet</c>, with settings:
/// <see cref="SeriesFeaturesOptions.Parse"/>), one dense part per series and featurizer, named
/// <c>&lt;column&gt;.&lt;featurizer&gt;</c> (<c>temperature.stats</c>) or, for a group of numeric columns,
/// <c>&lt;group&gt;.&lt;featurizer&gt;</c> (<c>s*.fft</c>, reading every column of the group). Fitted as
/// <c>ml.Transforms.ExtractSeriesFeatures</c> (<see cref="SeriesFeaturesEstimator"/>); heads standardise the features
/// (moments, frequencies and energies have unrelated scales).
/// </summary>
public sealed class SeriesPartProvider : IFeaturePartProvider
{
    /// <summary>The kind's registry name.</summary>
    public const string KindName = "series";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Series;

    /// <inheritdoc />
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => [.. SeriesFeaturesOptions.KindNames, "fft:bands=<n>:rate=<Hz>", "stats:lags=<n>,…:quantiles=<q>,…", "wavelet:haar|db2|db3|db4:levels=<n>"];

    /// <inheritdoc />
    /// <remarks>The choice's name is the options' short name (<see cref="SeriesFeaturesOptions.Name"/>): <c>stats</c>, <c>fft:bands=16</c>.</remarks>
    public FeaturizerChoice? TryResolve(string name) =>
        SeriesFeaturesOptions.Parse(name) is { } options ? new FeaturizerChoice(options.Name, this) : null;

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Select(column => new FeaturePart($"{column}.{choice.Name}", Kind, [column], choice.Name)).ToList();

    /// <inheritdoc />
    /// <remarks>A text series column makes one part; the columns of a group (<see cref="DatasetColumn.Group"/>) make one part together, in their order.</remarks>
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<DatasetColumn> columns, FeaturizerChoice choice)
    {
        var parts = new List<FeaturePart>();
        foreach (var column in columns)
        {
            if (column.Group is null) parts.Add(new FeaturePart($"{column.Name}.{choice.Name}", Kind, [column.Name], choice.Name));
            else if (!parts.Any(p => p.Name == $"{column.Group}.{choice.Name}"))
                parts.Add(new FeaturePart($"{column.Group}.{choice.Name}", Kind, columns.Where(c => c.Group == column.Group).Select(c => c.Name).ToList(), choice.Name));
        }
        return parts;
    }

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options)
    {
        var seriesOptions = SeriesFeaturesOptions.Parse(part.Featurizer)
            ?? throw new InvalidOperationException($"'{part.Featurizer}' is not a series featurizer.");
        var estimator = ml.Transforms.ExtractSeriesFeatures(part.Name, part.Inputs, seriesOptions);
        var transformer = estimator.Fit(view);
        var fitted = seriesOptions.Kind == SeriesFeatureKind.Wavelet && seriesOptions.Levels is null
            ? seriesOptions with { Levels = SeriesFeatures.DefaultLevels(ShortestLength(data, part), seriesOptions) }
            : seriesOptions;
        return new Fitted(part, transformer, fitted.FeatureNames());
    }

    private static int ShortestLength(Dataset data, FeaturePart part) => part.Inputs.Count > 1
        ? part.Inputs.Count
        : data.Columns.Single(c => c.Name == part.Inputs[0]) is { Numbers: null } text
            ? text.Values.Min(v => SeriesText.Parse(v, text.Name).Length)
            : 1;

    /// <summary>A fitted series part: stock steps and a versioned mapping; its slots are named by the features.</summary>
    private sealed class Fitted(FeaturePart part, ITransformer transformer, IReadOnlyList<string> names) : FittedFeaturePart(part, transformer)
    {
        public override IReadOnlyList<string>? SlotNames => names;
    }
}
