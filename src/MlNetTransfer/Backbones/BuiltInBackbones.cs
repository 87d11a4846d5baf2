namespace MlNetTransfer.Backbones;

/// <summary>The built-in backbones, resolved through <see cref="BackboneCatalog.Default"/>.</summary>
public static class BuiltInBackbones
{
    /// <summary>ResNet18 (ImageNet), 512-d embeddings, ML.NET's DnnImageFeaturizer preprocessing merged in.</summary>
    public static BackboneManifest ResNet18 => BackboneCatalog.Default.Resolve("resnet18");

    /// <summary>
    /// <see cref="ResNet18"/> quantized to int8 (ONNX QDQ: per-channel 7-bit weights, uint8 activations calibrated on shipped
    /// Fashion-MNIST images; <see cref="Int8Quantization"/>), run by ONNX Runtime's int8 kernels; same input, 512-d output.
    /// </summary>
    public static BackboneManifest ResNet18Int8 => BackboneCatalog.Default.Resolve(ResNet18Int8Name);

    /// <summary>The name <see cref="ResNet18Int8"/> is resolved by (<c>--backbone resnet18-int8</c>).</summary>
    public const string ResNet18Int8Name = "resnet18-int8";

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
