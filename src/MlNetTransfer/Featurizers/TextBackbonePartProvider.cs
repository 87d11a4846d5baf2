using Microsoft.ML;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// <c>text-backbone</c>: each text column through a frozen sentence encoder (<see cref="TextEmbeddingCatalog"/>:
/// WordPiece CustomMapping -> ApplyOnnxModel with pooling and L2 in the graph), one dense part of the backbone's
/// embedding size. Names resolve through <see cref="BackboneCatalog.Default"/> (<c>minilm</c>, <c>arctic-xs</c>, or an
/// ONNX path with its manifest). On the training path the part runs batched and cached (<c>Engine/BatchedTextEmbedder</c>).
/// </summary>
public sealed class TextBackbonePartProvider : IFeaturePartProvider
{
    /// <summary>The kind's registry name.</summary>
    public const string KindName = "text-backbone";

    /// <inheritdoc />
    public string Kind => KindName;

    /// <inheritdoc />
    public ColumnRole Role => ColumnRole.Text;

    /// <inheritdoc />
    public bool StandardizeInHead => true;

    /// <inheritdoc />
    public IReadOnlyList<string> KnownNames => BackboneCatalog.Default.Names(m => m.Text is not null);

    /// <inheritdoc />
    public FeaturizerChoice? TryResolve(string name)
    {
        if (BackboneCatalog.Default.TryResolve(name) is not { } backbone) return null;
        if (backbone.Text is null)
            throw new UserInputException($"Backbone '{backbone.Name}' is an {backbone.Kind} backbone; --text-featurizer needs a text backbone (for example minilm).");
        return new FeaturizerChoice(backbone.Name, this, backbone);
    }

    /// <inheritdoc />
    public IReadOnlyList<FeaturePart> Plan(IReadOnlyList<string> columns, FeaturizerChoice choice) =>
        columns.Select(text => new FeaturePart($"{text}.{choice.Name}", Kind, [text], choice.Name, choice.Backbone)).ToList();

    /// <inheritdoc />
    public FittedFeaturePart Fit(MLContext ml, FeaturePart part, Dataset data, IDataView view, FeaturizerOptions options) =>
        FeaturePipeline.DeferBackbonePart(part, view,
            () => ml.Transforms.Text.ExtractTextEmbeddings(part.Name, part.Backbone!, part.Inputs[0], options.GpuDeviceId));
}
