using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Onnx;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>Catalog extensions that turn text into frozen text-backbone embeddings (sentence embeddings).</summary>
public static class TextEmbeddingCatalog
{
    /// <summary>
    /// Embeds text with a frozen text backbone (for example <c>BuiltInBackbones.MiniLm</c>):
    /// <c>CopyColumns -&gt; CustomMapping (WordPiece, contract "MlNetTransfer.BertTokenize.&lt;backbone&gt;.v1") -&gt; CopyColumns
    /// (to the tensor names) -&gt; ApplyOnnxModel (pooling and normalisation are in the graph) -&gt; Expression (x =&gt; x, to a
    /// one-dimensional vector) -&gt; DropColumns</c>. Each row is padded to the backbone's max length (longer texts are
    /// truncated). The output is a known-size vector of <see cref="BackboneManifest.EmbeddingSize"/> floats with one
    /// dimension (<c>Vector&lt;Single, 384&gt;</c>); a missing or empty text gets the embedding of an empty string.
    /// The tokenization step is the one non-stock step; its contract fixes the tokenization, so the backbone's manifest
    /// must tokenize as the built-in one does. Loading a saved zip needs the MlNetTransfer assembly loadable by the
    /// application (ML.NET registers it from the zip; <see cref="ContractRegistry.RegisterAll"/> is the explicit way) and
    /// the backbone's vocabulary file (<c>minilm.vocab.txt</c>, <c>arctic-xs.vocab.txt</c>) in <c>$MLNET_TRANSFER_MODELS</c>,
    /// <c>./onnx-models</c> or <c>onnx-models/</c> next to the application; not the ONNX file (the zip holds the graph)
    /// nor the manifest (see <see cref="MiniLmTokenizeFactory"/>).
    /// </summary>
    /// <param name="catalog">The text transforms catalog (<c>mlContext.Transforms.Text</c>).</param>
    /// <param name="outputColumnName">Column to write the embedding to.</param>
    /// <param name="backbone">A text backbone's manifest with a saved-model tokenization contract (<c>minilm</c>).</param>
    /// <param name="inputColumnName">Text column; defaults to <paramref name="outputColumnName"/>.</param>
    /// <param name="gpuDeviceId">CUDA device to run the backbone on; null for CPU.</param>
    public static EstimatorChain<ColumnSelectingTransformer> ExtractTextEmbeddings(this TransformsCatalog.TextTransforms catalog, string outputColumnName,
        BackboneManifest backbone, string? inputColumnName = null, int? gpuDeviceId = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumnName);
        ArgumentNullException.ThrowIfNull(backbone);
        var text = backbone.Text ?? throw new ArgumentException($"Backbone '{backbone.Name}' is not a text backbone.", nameof(backbone));
        inputColumnName ??= outputColumnName;
        // TextTransforms does not expose its environment; the steps are stateless, so a context of their own builds them.
        var transforms = new MLContext(seed: 0).Transforms;

        var tokenize = TokenizeStep(transforms, backbone);
        var tensors = new List<InputOutputColumnPair>
        {
            new(backbone.Input, BertTokens256.InputIdsColumn),
            new(text.AttentionMask, BertTokens256.AttentionMaskColumn),
        };
        if (text.TokenTypeIds is not null) tensors.Add(new(text.TokenTypeIds, BertTokens256.TokenTypeIdsColumn));
        var onnxOptions = new OnnxOptions
        {
            ModelFile = backbone.ModelPath,
            InputColumns = tensors.Select(t => t.OutputColumnName).ToArray(),
            OutputColumns = [backbone.Output],
            // The graph's sequence axis is symbolic; ML.NET needs the row's shape (saved with the model).
            ShapeDictionary = tensors.ToDictionary(t => t.OutputColumnName, _ => new[] { 1, text.MaxLength }),
            GpuDeviceId = gpuDeviceId,
            FallbackToCpu = gpuDeviceId is not null,
        };
        string[] intermediates =
        [
            BertTokenizeInput.TextColumn, BertTokens256.InputIdsColumn, BertTokens256.AttentionMaskColumn, BertTokens256.TokenTypeIdsColumn,
            .. tensors.Select(t => t.OutputColumnName), backbone.Output,
        ];
        var chain = new EstimatorChain<ITransformer>().Append(transforms.CopyColumns(BertTokenizeInput.TextColumn, inputColumnName)).Append(tokenize);
        foreach (var tensor in tensors)
            chain = chain.Append<ITransformer>(transforms.CopyColumns(tensor.OutputColumnName, tensor.InputColumnName));
        return chain
            .Append(transforms.ApplyOnnxModel(onnxOptions))
            // ApplyOnnxModel types the output like the graph's [batch, EmbeddingSize] tensor, Vector<Single, 1, 384>; a
            // per-slot identity Expression writes it as a plain Vector<Single, 384> (a one-input Concatenate would not:
            // ML.NET passes a lone vector through, dimensions included).
            .Append(transforms.Expression(outputColumnName, "x => x", backbone.Output))
            .Append(transforms.DropColumns(intermediates.Where(c => c != outputColumnName).Distinct().ToArray()));
    }

    private static IEstimator<ITransformer> TokenizeStep(TransformsCatalog transforms, BackboneManifest backbone) => backbone.Name switch
    {
        BuiltInBackbones.MiniLmName => transforms.CustomMapping(MiniLmTokenizeFactory.Mapping(backbone), MiniLmTokenizeFactory.ContractName),
        BuiltInBackbones.ArcticXsName => transforms.CustomMapping(ArcticXsTokenizeFactory.Mapping(backbone), ArcticXsTokenizeFactory.ContractName),
        _ => throw new UserInputException(
            $"Text backbone '{backbone.Name}' has no saved-model tokenization contract; the built-in ones are '{BuiltInBackbones.MiniLmName}' and '{BuiltInBackbones.ArcticXsName}'."),
    };
}
