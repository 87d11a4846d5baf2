using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Features read from Parquet files (<see cref="FeatureFiles.Read"/>) in place of data to featurize: a
/// <see cref="Dataset"/> of their rows (ids, labels, task; its columns named as the data the featurizer read, so the
/// featurizer can be fitted again from the <see cref="Record"/>), and each row's stored features.
/// </summary>
internal sealed class StoredFeatures
{
    private readonly Dictionary<string, float[]> _values;
    private readonly string? _backboneFiles;

    internal StoredFeatures(IReadOnlyList<string> files, FeaturizerRecord record, string? backboneFiles, Dataset dataset, Dictionary<string, float[]> values)
    {
        Files = files;
        _backboneFiles = backboneFiles;
        Record = record;
        Dataset = dataset;
        _values = values;
    }

    /// <summary>The files read, in the order given (a folder's files in ordinal order).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The featurizer every file records.</summary>
    public FeaturizerRecord Record { get; }

    /// <summary>The rows: ids, labels (and targets of a regression), columns named as the featurized data's.</summary>
    public Dataset Dataset { get; }

    /// <summary>The featurizer options that rebuild the recorded featurizer (<see cref="FeaturizerRecord.Rebuild"/>), the rest as <paramref name="given"/>.</summary>
    public FeatureRunOptions Featurizers(FeatureRunOptions given) => Record.Rebuild(given, _backboneFiles);

    /// <summary>The stored features of the rows of <paramref name="data"/> (this <see cref="Dataset"/> or a subset of it), in its order.</summary>
    public VBuffer<float>[] FeaturesOf(Dataset data) => data.Ids.Select(id => new VBuffer<float>(_values[id].Length, _values[id])).ToArray();

    /// <summary>
    /// Checks that <paramref name="featurizer"/>, rebuilt in this run from <see cref="Record"/>, is the featurizer that
    /// made the files (same parts, backbone files of the same sha256, same preprocessing): a
    /// <see cref="UserInputException"/> naming the first file and the difference otherwise.
    /// </summary>
    public void CheckMadeBy(FittedFeaturizer featurizer, Dataset columns)
    {
        if (Record.DifferenceFrom(FeaturizerRecord.Of(featurizer, columns), Files[0]) is { } difference) throw new UserInputException(difference);
    }
}
