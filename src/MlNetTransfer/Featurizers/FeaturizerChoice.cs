using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// A featurizer resolved for a column role: its name and the provider that plans its parts; for a backbone, its
/// manifest. Made by <see cref="FeaturePartRegistry.Resolve"/> (from a name) or for a given image backbone manifest.
/// </summary>
/// <param name="Name">The featurizer's name as parts and slot names show it (<c>resnet18</c>, <c>tfidf</c>, <c>minilm</c>, <c>numeric</c>).</param>
/// <param name="Provider">The provider that plans and fits its parts.</param>
/// <param name="Backbone">The backbone's manifest, for a backbone featurizer; null otherwise.</param>
public sealed record FeaturizerChoice(string Name, IFeaturePartProvider Provider, BackboneManifest? Backbone = null);
