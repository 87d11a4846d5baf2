using Microsoft.ML.Data;

namespace MlNetTransfer.Featurizers;

/// <summary>The input row of the saved WordPiece tokenization step (a CustomMapping): the text to tokenize.</summary>
public sealed class BertTokenizeInput
{
    /// <summary>Name of the text column the tokenization step reads (a copy of the user's column).</summary>
    public const string TextColumn = "MlNetTransfer.BertTokenize.Text";

    /// <summary>The text; null or empty gives <c>[CLS] [SEP]</c>.</summary>
    [ColumnName(TextColumn)]
    public string? Text;
}
