using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Recreates the <c>arctic-xs</c> WordPiece tokenization step when a saved model is loaded (a CustomMapping saves only its
/// contract name, <see cref="ContractName"/>). The vocabulary is found through <see cref="BackboneCatalog.Default"/>:
/// <c>$MLNET_TRANSFER_MODELS</c>, <c>./onnx-models</c>, then <c>onnx-models/</c> next to the application.
/// Register this assembly before loading (<see cref="ContractRegistry.RegisterAll"/>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ArcticXsTokenizeFactory : CustomMappingFactory<BertTokenizeInput, BertTokens512>
{
    /// <summary>The contract name saved in the model; a change in tokenization gets a new version.</summary>
    public const string ContractName = "MlNetTransfer.BertTokenize.arctic-xs.v1";

    /// <inheritdoc />
    public override Action<BertTokenizeInput, BertTokens512> GetMapping() => Mapping(BackboneCatalog.Default.Resolve(BuiltInBackbones.ArcticXsName));

    /// <summary>The mapping for a resolved <c>arctic-xs</c> manifest (the estimator uses the manifest it was given).</summary>
    internal static Action<BertTokenizeInput, BertTokens512> Mapping(BackboneManifest backbone) =>
        BertTokenizeMapping.Create<BertTokens512>(backbone, ContractName, BertTokens512.Length);
}
