using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Recreates the <c>minilm</c> WordPiece tokenization step when a saved model is loaded (a CustomMapping saves only its
/// contract name, <see cref="ContractName"/>). The vocabulary is found through <see cref="BackboneCatalog.Default"/>:
/// <c>$MLNET_TRANSFER_MODELS</c>, <c>./onnx-models</c>, then <c>onnx-models/</c> next to the application.
/// Register this assembly before loading (<see cref="ContractRegistry.RegisterAll"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class MiniLmTokenizeFactory : CustomMappingFactory<BertTokenizeInput, BertTokens256>
{
    /// <summary>The contract name saved in the model; a change in tokenization gets a new version.</summary>
    public const string ContractName = "MlNetTransfer.BertTokenize.minilm.v1";

    /// <inheritdoc />
    public override Action<BertTokenizeInput, BertTokens256> GetMapping() => Mapping(BackboneCatalog.Default.Resolve(BuiltInBackbones.MiniLmName));

    /// <summary>The mapping for a resolved <c>minilm</c> manifest (the estimator uses the manifest it was given).</summary>
    internal static Action<BertTokenizeInput, BertTokens256> Mapping(BackboneManifest backbone) =>
        BertTokenizeMapping.Create<BertTokens256>(backbone, ContractName, BertTokens256.Length);
}
