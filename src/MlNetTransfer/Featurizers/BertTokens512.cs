using Microsoft.ML.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>The output row of the saved WordPiece tokenization step for backbones truncating at 512 tokens: fixed-length int64 vectors.</summary>
public sealed class BertTokens512 : IBertTokenRow
{
    /// <summary>Tokens per row.</summary>
    public const int Length = 512;

    /// <summary>[CLS] pieces [SEP], then the padding id.</summary>
    [ColumnName(BertTokens256.InputIdsColumn), VectorType(Length)]
    public long[] InputIds = new long[Length];

    /// <summary>1 over the text's tokens, then 0.</summary>
    [ColumnName(BertTokens256.AttentionMaskColumn), VectorType(Length)]
    public long[] AttentionMask = new long[Length];

    /// <summary>All 0 (one segment).</summary>
    [ColumnName(BertTokens256.TokenTypeIdsColumn), VectorType(Length)]
    public long[] TokenTypeIds = new long[Length];

    void IBertTokenRow.Write(BertTextTokenizer tokenizer, int[] tokens)
    {
        if (InputIds?.Length != Length) InputIds = new long[Length];
        if (AttentionMask?.Length != Length) AttentionMask = new long[Length];
        if (TokenTypeIds?.Length != Length) TokenTypeIds = new long[Length];
        tokenizer.Fill(tokens, InputIds, AttentionMask, TokenTypeIds);
    }
}
