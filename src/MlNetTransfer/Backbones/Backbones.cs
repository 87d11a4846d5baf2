namespace MlNetTransfer.Backbones;

/// <summary>The built-in backbones, resolved through <see cref="BackboneCatalog.Default"/>.</summary>
public static class Backbones
{
    /// <summary>ResNet18 (ImageNet), 512-d embeddings, ML.NET's DnnImageFeaturizer preprocessing merged in.</summary>
    public static BackboneManifest ResNet18 => BackboneCatalog.Default.Resolve("resnet18");
}
