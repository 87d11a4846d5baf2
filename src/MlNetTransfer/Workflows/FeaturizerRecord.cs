using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Which featurizer made a features file, as JSON in its Parquet key-value metadata under <see cref="MetadataKey"/>: the
/// data columns it read, its parts in order (for a backbone: name, model file sha256, tensors, preprocessing), and the
/// feature-space step applied after it (PCA), if any. <c>train --features</c> rebuilds the featurizer from it (a
/// backbone by its name, after checking the sha256) so the saved model predicts from raw inputs; files whose records
/// differ are not mixed.
/// </summary>
internal sealed record FeaturizerRecord
{
    /// <summary>The Parquet key-value metadata key of the record.</summary>
    public const string MetadataKey = "mlnet-transfer.featurizer";

    /// <summary>
    /// The Parquet metadata key of where the writing machine found each backbone's model file (JSON: name -> path). Not
    /// part of the record (paths differ between machines); used to rebuild a backbone that is not in the catalog by name
    /// (one given as an ONNX path), the sha256 check still deciding.
    /// </summary>
    public const string FilesKey = "mlnet-transfer.backbone-files";

    /// <summary>The record's layout version; a file with another one is refused.</summary>
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonDefaults.Options)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The record's layout version (<see cref="CurrentFormat"/>).</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The data columns the featurizer read, in the data's order.</summary>
    public IReadOnlyList<RecordedColumn> Columns { get; init; } = [];

    /// <summary>The parts of the features vector, in order.</summary>
    public IReadOnlyList<RecordedPart> Parts { get; init; } = [];

    /// <summary>The feature-space step applied to the features before they were written (<c>pca</c>), or null.</summary>
    public string? FeatureSpace { get; init; }

    /// <summary>The record of <paramref name="featurizer"/> fitted on data with <paramref name="columns"/> (hashes each backbone's files).</summary>
    public static FeaturizerRecord Of(FittedFeaturizer featurizer, Dataset columns, string? featureSpace = null)
    {
        var schema = featurizer.PartsSchema(columns.InputSchema);
        return new FeaturizerRecord
        {
            Columns = columns.Columns.Select(c => new RecordedColumn(c.Name, c.Role)).ToList(),
            Parts = featurizer.Parts.Select(p => Part(p, ((VectorDataViewType)schema[p.Name].Type).Size)).ToList(),
            FeatureSpace = featureSpace,
        };
    }

    private static RecordedPart Part(FeaturePart part, int size)
    {
        if (part.Backbone is not { } backbone) return new RecordedPart(part.Name, part.Kind, part.Featurizer, part.Inputs, size);
        return new RecordedPart(part.Name, part.Kind, part.Featurizer, part.Inputs, size,
            ModelSha256: BackboneMaterializer.Sha256(backbone.ModelPath),
            VocabSha256: backbone.VocabPath is { } vocab ? BackboneMaterializer.Sha256(vocab) : null,
            Tensors: $"{backbone.Input} -> {backbone.Output}",
            Preprocessing: backbone.Image is { } image ? JsonSerializer.Serialize(image, Json) : backbone.Text is { } text ? JsonSerializer.Serialize(text, Json) : null);
    }

    /// <summary>The model file of each backbone of <paramref name="featurizer"/>, by backbone name, as JSON for <see cref="FilesKey"/>.</summary>
    public static string FilesOf(FittedFeaturizer featurizer) => JsonSerializer.Serialize(
        featurizer.Parts.Where(p => p.Backbone is not null).GroupBy(p => p.Featurizer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Backbone!.ModelPath), Json);

    /// <summary>The metadata of a features file made by <paramref name="featurizer"/>: this record and the backbones' files.</summary>
    public Dictionary<string, string> Metadata(FittedFeaturizer featurizer) => new() { [MetadataKey] = ToJson(), [FilesKey] = FilesOf(featurizer) };

    /// <summary>The record as compact JSON (the same record always gives the same text).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The record stored in <paramref name="file"/>'s metadata <paramref name="json"/>; a <see cref="UserInputException"/>
    /// naming the file when it is missing, does not parse, or has another format version.
    /// </summary>
    public static FeaturizerRecord Parse(string file, string? json)
    {
        if (json is null)
            throw new UserInputException($"'{file}' does not say which featurizer made it (no '{MetadataKey}' key in its Parquet metadata): " +
                "only files written by 'mlnet-transfer featurize --out <file>.parquet' can be trained from; featurize the data again.");
        FeaturizerRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<FeaturizerRecord>(json, Json);
        }
        catch (JsonException e)
        {
            throw new UserInputException($"'{file}': the featurizer record in its Parquet metadata ('{MetadataKey}') is not valid JSON: {e.Message}", e);
        }
        if (record is null || record.Format != CurrentFormat)
            throw new UserInputException($"'{file}': its featurizer record has format {record?.Format.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, this version reads format {CurrentFormat}; featurize the data again.");
        return record;
    }

    /// <summary>The parts, one per line's worth, for messages.</summary>
    public string Describe() => string.Join("; ", Parts.Select(p => p.Describe())) + (FeatureSpace is null ? "" : $"; then {FeatureSpace}");

    /// <summary>
    /// Why a model cannot be trained from features with this record (a part learned from the data it saw, or a
    /// feature-space step was applied), naming <paramref name="file"/>; null when every part is a frozen backbone.
    /// </summary>
    public string? NotRebuildable(string file)
    {
        if (Parts.FirstOrDefault(p => !p.IsBackbone) is { } learned)
            return $"'{file}' holds part {learned.Describe()}, which learns from the rows it is fitted on: only features of frozen backbones " +
                "(image backbones, text backbones such as minilm) can be trained from without the raw data; train from the data instead.";
        if (FeatureSpace is not null)
            return $"'{file}' holds features after a '{FeatureSpace}' step fitted on them: train from features written without --pca " +
                "(train --features --pca fits it on the training rows).";
        return null;
    }

    /// <summary>
    /// The featurizer options that rebuild this record's parts: its image backbones and text backbones by name (a name the
    /// catalog does not know by the model file the writing machine used, from <paramref name="filesJson"/>
    /// (<see cref="FilesKey"/>), when it exists here), the rest as <paramref name="given"/>.
    /// </summary>
    public FeatureRunOptions Rebuild(FeatureRunOptions given, string? filesJson)
    {
        var files = filesJson is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(filesJson, Json) ?? [];
        string Locate(string name) => !BackboneCatalog.Default.Exists(name) && files.TryGetValue(name, out var file) && File.Exists(file) ? file : name;
        IReadOnlyList<string> Names(ColumnRole role) => Parts
            .Where(p => Columns.FirstOrDefault(c => c.Name == p.Inputs.FirstOrDefault())?.Role == role)
            .Select(p => p.Featurizer).Distinct(StringComparer.Ordinal).Select(Locate).ToList();
        var images = Names(ColumnRole.Image);
        var texts = Names(ColumnRole.Text);
        return given with
        {
            Backbones = images.Count > 0 ? images : given.Backbones,
            TextFeaturizers = texts.Count > 0 ? texts : given.TextFeaturizers,
            ImageFeaturizers = [],
        };
    }

    /// <summary>
    /// The first difference between this record (stored in <paramref name="file"/>) and <paramref name="here"/> (the
    /// featurizer rebuilt in this run), as a message saying what to do; null when they are the same.
    /// </summary>
    public string? DifferenceFrom(FeaturizerRecord here, string file)
    {
        if (ToJson() == here.ToJson()) return null;
        foreach (var (stored, built) in Parts.Zip(here.Parts))
        {
            if (stored.Name != built.Name) break;
            if (stored.ModelSha256 != built.ModelSha256)
                return $"'{file}' was featurized by backbone '{stored.Featurizer}' whose model file has sha256 {stored.ModelSha256}, but '{built.Featurizer}' " +
                    $"here has sha256 {built.ModelSha256}: a model saved with it would compute other features than it was trained on. " +
                    "Train where the backbone file that made the features is, or featurize the data again with this one.";
            if (stored != built)
                return $"'{file}' was featurized by {stored.Describe()} with {stored.Tensors} and preprocessing {stored.Preprocessing} (vocabulary sha256 {stored.VocabSha256 ?? "none"}), " +
                    $"but the backbone here is {built.Describe()} with {built.Tensors} and preprocessing {built.Preprocessing} (vocabulary sha256 {built.VocabSha256 ?? "none"}).";
        }
        return $"'{file}' was made by a featurizer of {Describe()}, but this run's featurizer is {here.Describe()}.";
    }
}
