using System.Text.Json.Serialization;

namespace MlNetTransfer.Backbones;

/// <summary>
/// How a text becomes a text backbone's input tensors (BERT WordPiece: <c>[CLS] pieces [SEP]</c>, int64 token ids, an
/// attention mask of ones over the real tokens and token type ids of zeros) and how the graph turns token states into
/// the sentence embedding. The manifest's <see cref="BackboneManifest.Input"/> is the token ids tensor and its
/// <see cref="BackboneManifest.Output"/> the pooled <c>[batch, embeddingSize]</c> embedding.
/// </summary>
public sealed record TextPreprocessing
{
    /// <summary>WordPiece vocabulary (one token per line, the line number is the id), relative to the manifest's folder.</summary>
    public string Vocab { get; init; } = "";

    /// <summary>Lower-case the text before splitting it (an uncased model). Default true.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Remove accents (Unicode non-spacing marks after NFD), as the original uncased BERT tokenizer does. Default true.</summary>
    public bool StripAccents { get; init; } = true;

    /// <summary>
    /// Tokens per text, <c>[CLS]</c> and <c>[SEP]</c> included: longer texts are truncated to their first
    /// <c>MaxLength - 2</c> word pieces (as Hugging Face truncation does). The saved model pads every row to this length;
    /// the batched engine pads each batch to its longest text only.
    /// </summary>
    public int MaxLength { get; init; } = 256;

    /// <summary>How the graph pools token states into the embedding: "mean" (masked mean) or "cls" (the first token).</summary>
    public string Pooling { get; init; } = "mean";

    /// <summary>Whether the graph L2-normalises the pooled embedding. Default true.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Attention mask tensor (int64 [batch, sequence]).</summary>
    public string AttentionMask { get; init; } = "attention_mask";

    /// <summary>Token type (segment) ids tensor (int64 [batch, sequence], all zeros for one text); null when the model has none.</summary>
    public string? TokenTypeIds { get; init; } = "token_type_ids";

    [JsonIgnore]
    internal IEnumerable<string> Problems
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Vocab)) yield return "text.vocab (the WordPiece vocabulary file, relative to the manifest) is required";
            if (MaxLength < 3) yield return $"text.maxLength must be at least 3 (got {MaxLength})";
            if (Pooling is not ("mean" or "cls")) yield return $"text.pooling must be \"mean\" or \"cls\" (got \"{Pooling}\")";
            if (string.IsNullOrWhiteSpace(AttentionMask)) yield return "text.attentionMask (the attention mask tensor) is required";
        }
    }
}
