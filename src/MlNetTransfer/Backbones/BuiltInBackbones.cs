namespace MlNetTransfer.Backbones;

/// <summary>The built-in backbones, resolved through <see cref="BackboneCatalog.Default"/>.</summary>
public static class BuiltInBackbones
{
    /// <summary>ResNet18 (ImageNet), 512-d embeddings, ML.NET's DnnImageFeaturizer preprocessing merged in.</summary>
    public static BackboneManifest ResNet18 => BackboneCatalog.Default.Resolve("resnet18");

    /// <summary>
    /// all-MiniLM-L6-v2 sentence embeddings, 384-d: uncased WordPiece, texts truncated at 256 tokens, masked mean pooling and
    /// L2 normalisation inside the graph (so the model outputs the sentence embedding).
    /// </summary>
    public static BackboneManifest MiniLm => BackboneCatalog.Default.Resolve(MiniLmName);

    /// <summary>The name <see cref="MiniLm"/> is resolved by (<c>--backbone minilm</c>).</summary>
    public const string MiniLmName = "minilm";

    /// <summary>
    /// Snowflake arctic-embed-xs sentence embeddings, 384-d: uncased WordPiece, texts truncated at 512 tokens, the [CLS]
    /// token's state L2-normalised inside the graph.
    /// </summary>
    public static BackboneManifest ArcticXs => BackboneCatalog.Default.Resolve(ArcticXsName);

    /// <summary>The name <see cref="ArcticXs"/> is resolved by (<c>--backbone arctic-xs</c>).</summary>
    public const string ArcticXsName = "arctic-xs";
}
