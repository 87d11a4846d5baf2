using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>The CustomMapping action of a tokenization contract: the backbone's <see cref="BertTextTokenizer"/> writing a fixed-length row.</summary>
internal static class BertTokenizeMapping
{
    public static Action<BertTokenizeInput, TRow> Create<TRow>(BackboneManifest backbone, string contractName, int rowLength) where TRow : IBertTokenRow
    {
        var tokenizer = BertTextTokenizer.For(backbone);
        if (tokenizer.MaxLength != rowLength)
            throw new UserInputException($"Backbone '{backbone.Name}' ('{backbone.ManifestPath}') truncates at {tokenizer.MaxLength} tokens; contract '{contractName}' pads to {rowLength}.");
        return (input, output) => output.Write(tokenizer, tokenizer.Encode(input.Text));
    }
}
