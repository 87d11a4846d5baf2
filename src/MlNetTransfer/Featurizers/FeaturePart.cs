using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// One block of the <c>Features</c> vector: which input column(s) feed it and which provider computes it.
/// <see cref="FeaturePipeline"/> concatenates the parts in the order <see cref="FeaturePipeline.Plan"/> returns them.
/// </summary>
/// <param name="Name">The intermediate column the part is written to, e.g. <c>ImagePath.resnet18</c> or <c>text.tfidf</c>.</param>
/// <param name="Kind">The <see cref="IFeaturePartProvider.Kind"/> of the provider that planned it (e.g. <c>image-backbone</c>).</param>
/// <param name="Inputs">The dataset columns it reads (one, except for the numeric part, which reads every numeric column).</param>
/// <param name="Featurizer">The featurizer's name: a backbone name, a text featurizer name, or "numeric".</param>
/// <param name="Backbone">The frozen ONNX backbone of a backbone part (the training path runs it batched and cached); null otherwise.</param>
public sealed record FeaturePart(string Name, string Kind, IReadOnlyList<string> Inputs, string Featurizer, BackboneManifest? Backbone = null)
{
    /// <summary>True when the part runs a frozen ONNX backbone (the training path batches and caches it).</summary>
    public bool IsBackbone => Backbone is not null;
}
