using Microsoft.ML.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>The output row of the saved WordPiece tokenization step for backbones truncating at 256 tokens: fixed-length int64 vectors.</summary>
public sealed class BertTokens256 : IBertTokenRow
{
    /// <summary>Tokens per row.</summary>
    public const int Length = 256;

    /// <summary>Name of the token ids column.</summary>
    public const string InputIdsColumn = "MlNetTransfer.BertTokenize.InputIds";

    /// <summary>Name of the attention mask column.</summary>
    public const string AttentionMaskColumn = "MlNetTransfer.BertTokenize.AttentionMask";

    /// <summary>Name of the token type ids column.</summary>
    public const string TokenTypeIdsColumn = "MlNetTransfer.BertTokenize.TokenTypeIds";

    /// <summary>[CLS] pieces [SEP], then the padding id.</summary>
    [ColumnName(InputIdsColumn), VectorType(Length)]
    public long[] InputIds = new long[Length];

    /// <summary>1 over the text's tokens, then 0.</summary>
    [ColumnName(AttentionMaskColumn), VectorType(Length)]
    public long[] AttentionMask = new long[Length];

    /// <summary>All 0 (one segment).</summary>
    [ColumnName(TokenTypeIdsColumn), VectorType(Length)]
    public long[] TokenTypeIds = new long[Length];

    void IBertTokenRow.Write(BertTextTokenizer tokenizer, int[] tokens)
    {
        if (InputIds?.Length != Length) InputIds = new long[Length];
        if (AttentionMask?.Length != Length) AttentionMask = new long[Length];
        if (TokenTypeIds?.Length != Length) TokenTypeIds = new long[Length];
        tokenizer.Fill(tokens, InputIds, AttentionMask, TokenTypeIds);
    }
}
