using Microsoft.ML.Transforms;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// Recreates the <c>arctic-xs</c> WordPiece tokenization step when a saved model is loaded (a CustomMapping saves only its
/// contract name, <see cref="ContractName"/>). The contract fixes the tokenization (uncased, accents stripped, rows of
/// 512 tokens) and the vocabulary, so loading needs only the vocabulary file <see cref="VocabFile"/>, found in the
/// first of <c>$MLNET_TRANSFER_MODELS</c>, <c>./onnx-models</c>, then <c>onnx-models/</c> next to the application
/// (the folders of <see cref="BackboneCatalog.Default"/>) that holds one, and checked by its sha256; neither the
/// manifest nor <c>arctic-xs.onnx</c> is read (the zip holds the graph). When the vocabulary is missing, <c>Model.Load</c>
/// fails with a <see cref="UserInputException"/> (inside ML.NET's <see cref="System.Reflection.TargetInvocationException"/>s)
/// naming the file and every folder searched. The MlNetTransfer assembly must be loadable by the application (referenced):
/// ML.NET registers it from the zip; <see cref="ContractRegistry.RegisterAll"/> does so explicitly.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ArcticXsTokenizeFactory : CustomMappingFactory<BertTokenizeInput, BertTokens512>
{
    /// <summary>The contract name saved in the model; a change in tokenization gets a new version.</summary>
    public const string ContractName = "MlNetTransfer.BertTokenize.arctic-xs.v1";

    /// <summary>The vocabulary file a loading zip looks for in the models folders.</summary>
    public const string VocabFile = "arctic-xs.vocab.txt";

    internal static readonly BertTokenizeContract Contract = new(ContractName, BuiltInBackbones.ArcticXsName, VocabFile,
        VocabSha256: "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f", Lowercase: true, StripAccents: true, MaxLength: BertTokens512.Length);

    /// <inheritdoc />
    public override Action<BertTokenizeInput, BertTokens512> GetMapping() => BertTokenizeMapping.ForLoading<BertTokens512>(Contract);

    /// <summary>The mapping for a resolved <c>arctic-xs</c> manifest (the estimator uses the manifest it was given, which must tokenize as the contract says).</summary>
    internal static Action<BertTokenizeInput, BertTokens512> Mapping(BackboneManifest backbone) => BertTokenizeMapping.ForBackbone<BertTokens512>(Contract, backbone);
}
