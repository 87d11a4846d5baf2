using Microsoft.ML.Data;

namespace MlNetTransfer.Text;

/// <summary>Input of the lower-casing contract.</summary>
internal sealed class RawTextRow
{
    [ColumnName(TextColumns.Raw)] public ReadOnlyMemory<char> Text;
}

/// <summary>The (lower-cased) document: output of lower-casing, input of tokenizing and char n-grams.</summary>
internal sealed class DocumentRow
{
    [ColumnName(TextColumns.Doc)] public ReadOnlyMemory<char> Doc;
}

/// <summary>Word tokens: output of tokenizing, input of stemming and word n-grams.</summary>
internal sealed class TokensRow
{
    [ColumnName(TextColumns.Tokens)] public VBuffer<ReadOnlyMemory<char>> Tokens;
}

/// <summary>Stemmed tokens.</summary>
internal sealed class StemsRow
{
    [ColumnName(TextColumns.Stems)] public VBuffer<ReadOnlyMemory<char>> Stems;
}

/// <summary>The terms of a document (n-grams), counted against the vocabulary.</summary>
internal sealed class TermsRow
{
    [ColumnName(TextColumns.Terms)] public VBuffer<ReadOnlyMemory<char>> Terms;
}
