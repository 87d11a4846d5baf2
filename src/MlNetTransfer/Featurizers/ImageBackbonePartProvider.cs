using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>image-backbone</c>: each image column through a frozen ONNX image backbone (<see cref="ImageEmbeddingCatalog"/>:
/// LoadImages -> ResizeImages -> ExtractPixels -> ApplyOnnxModel), one dense part of the backbone's embedding size per
/// column and backbone. Names resolve through <see cref="BackboneCatalog.Default"/> (a built-in name or an ONNX path with
/// its manifest). On the training path the part runs batched and cached (<c>Engine/BatchedImageEmbedder</c>).
/// </summary>
public sealed class ImageBackbonePartProvider : IFeaturePartProvider
{
    /// <summary>The kind's registry name.</summary>
    public const string KindName = "image-backbone";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Image;

    /// <inheritdoc />
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => BackboneCatalog.Default.Names(m => m.Image is not null);

    /// <inheritdoc />
    public FeaturizerChoice? TryResolve(string name) => BackboneCatalog.Default.TryResolve(name) is { } backbone ? For(backbone) : null;

    /// <summary>The choice of a given backbone manifest (must be an image backbone when planned).</summary>
    public FeaturizerChoice For(BackboneManifest backbone) => new(backbone.Name, this, backbone);

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice)
    {
        var backbone = choice.Backbone!;
        if (backbone.Image is null && columns.Count > 0)
            throw new UserInputException($"Backbone '{backbone.Name}' is a {backbone.Kind} backbone; image column '{columns[0]}' needs an image backbone.");
        return columns.Select(image => new FeaturePart($"{image}.{backbone.Name}", Kind, [image], backbone.Name, backbone)).ToList();
    }

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
        FeaturePipeline.DeferBackbonePart(part, view,
            () => ml.Transforms.ExtractImageEmbeddings(part.Name, part.Backbone!, part.Inputs[0], options.GpuDeviceId));
}
