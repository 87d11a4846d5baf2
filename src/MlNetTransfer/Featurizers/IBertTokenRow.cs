namespace MlNetTransfer.Featurizers;

/// <summary>An output row of a saved WordPiece tokenization step (fixed-length int64 vectors), written from encoded tokens.</summary>
internal interface IBertTokenRow
{
    void Write(BertTextTokenizer tokenizer, int[] tokens);
}
