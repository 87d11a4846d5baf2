using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>What <see cref="FeaturePipeline"/> runs over each kind of column.</summary>
public sealed record FeaturizerOptions
{
    /// <summary>The backbones every image column goes through (embeddings concatenated, in this order).</summary>
    public IReadOnlyList<BackboneManifest> ImageBackbones { get; init; } = [];

    /// <summary>
    /// Other featurizers every image column goes through after <see cref="ImageBackbones"/>, by name, resolved through
    /// <see cref="Registry"/> (a provider of <see cref="ColumnRole.Image"/> that is not a backbone). Default none.
    /// </summary>
    public IReadOnlyList<string> ImageFeaturizers { get; init; } = [];

    /// <summary>
    /// The featurizers every text column goes through, concatenated: <c>tfidf</c> (default), <c>bow</c>,
    /// <c>sklearn-count</c>, <c>sklearn-tfidf</c>, or a text backbone's name (<c>minilm</c>) or manifest path.
    /// </summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = [Defaults.TextFeaturizer];

    /// <summary>
    /// The featurizers every series goes through, concatenated, as <see cref="Series.SeriesFeaturesOptions"/> specs:
    /// <c>stats</c> (default), <c>fft</c>, <c>wavelet</c>, with settings (<c>fft:bands=16</c>, <c>wavelet:haar</c>).
    /// </summary>
    public IReadOnlyList<string> SeriesFeaturizers { get; init; } = [Defaults.SeriesFeaturizer];

    /// <summary>CUDA device the saved model's ONNX steps run on; null for the CPU.</summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>The kinds of feature parts names resolve to. Default <see cref="FeaturePartRegistry.Default"/>.</summary>
    public FeaturePartRegistry Registry { get; init; } = FeaturePartRegistry.Default;

    /// <summary>The featurizers for columns of <paramref name="role"/>, in order; a <see cref="UserInputException"/> for an unknown name.</summary>
    public IReadOnlyList<FeaturizerChoice> Choices(ColumnRole role) => role switch
    {
        ColumnRole.Image => [.. ImageBackbones.Count == 0 ? [] : ImageBackbones.Select(Registry.Get<ImageBackbonePartProvider>().For), .. ImageFeaturizers.Select(n => Registry.Resolve(role, n))],
        ColumnRole.Text => TextFeaturizers.Select(n => Registry.Resolve(role, n)).ToList(),
        ColumnRole.Numeric => [Registry.Resolve(role, NumericPartProvider.Name)],
        ColumnRole.Categorical => [Registry.Resolve(role, CategoricalPartProvider.Name)],
        ColumnRole.Series => SeriesFeaturizers.Select(n => Registry.Resolve(role, n)).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
