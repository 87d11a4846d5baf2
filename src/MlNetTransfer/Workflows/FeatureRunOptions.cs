using MlNetTransfer.Engine;

namespace MlNetTransfer.Workflows;

/// <summary>What a <see cref="FeatureRun"/> featurizes with, and where.</summary>
public sealed record FeatureRunOptions
{
    /// <summary>Image backbones by name or ONNX path, used when the data has image columns. Default resnet18.</summary>
    public IReadOnlyList<string> Backbones { get; init; } = [Defaults.ImageBackbone];

    /// <summary>Other image featurizers by name (a registered non-backbone image kind), after the backbones. Default none.</summary>
    public IReadOnlyList<string> ImageFeaturizers { get; init; } = [];

    /// <summary>Text featurizers by name (see <see cref="Featurizers.FeaturePartRegistry"/>). Default tfidf.</summary>
    public IReadOnlyList<string> TextFeaturizers { get; init; } = [Defaults.TextFeaturizer];

    /// <summary>Series featurizers by name or spec (stats, fft, wavelet; see <see cref="Series.SeriesFeaturesOptions.Parse"/>). Default stats.</summary>
    public IReadOnlyList<string> SeriesFeaturizers { get; init; } = [Defaults.SeriesFeaturizer];

    /// <summary>The kinds of feature parts featurizer names resolve to. Default <see cref="Featurizers.FeaturePartRegistry.Default"/>.</summary>
    public Featurizers.FeaturePartRegistry FeatureParts { get; init; } = Featurizers.FeaturePartRegistry.Default;

    /// <summary>Where the backbones run. Default CPU.</summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    /// <summary>Folder of the embedding cache; null: no cache.</summary>
    public string? CacheDir { get; init; }
}
