using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// The one WordPiece tokenization of a text backbone, used by the saved model's CustomMapping and by the batched
/// engine alike: Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> (basic tokenization, lower-casing and accent
/// stripping as the manifest says, CJK characters split), then <c>[CLS] pieces [SEP]</c> with the pieces truncated to
/// <c>MaxLength - 2</c> (Hugging Face's truncation). A missing or empty text is <c>[CLS] [SEP]</c>.
/// Instances are shared per vocabulary and settings, and are thread-safe.
/// </summary>
internal sealed class BertTextTokenizer
{
    private static readonly ConcurrentDictionary<string, Lazy<BertTextTokenizer>> Loaded = new(StringComparer.Ordinal);
    private readonly BertTokenizer _tokenizer;

    private BertTextTokenizer(string vocabPath, bool lowercase, bool stripAccents, int maxLength, string settings)
    {
        if (!File.Exists(vocabPath)) throw new UserInputException($"Vocabulary file '{vocabPath}' does not exist.");
        _tokenizer = BertTokenizer.Create(vocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = lowercase,
            RemoveNonSpacingMarks = stripAccents,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            SplitOnSpecialTokens = true,
        });
        MaxLength = maxLength;
        Settings = settings;
    }

    /// <summary>Tokens per text at most, [CLS] and [SEP] included.</summary>
    public int MaxLength { get; }

    /// <summary>The settings it was made from as JSON (for a manifest's tokenizer, its whole text section: part of cache keys).</summary>
    public string Settings { get; }

    /// <summary>The tokenizer of a text backbone (loaded once per vocabulary file and settings).</summary>
    public static BertTextTokenizer For(BackboneManifest backbone)
    {
        var text = backbone.Text ?? throw new ArgumentException($"Backbone '{backbone.Name}' is not a text backbone.", nameof(backbone));
        return For(backbone.VocabPath!, text.Lowercase, text.StripAccents, text.MaxLength, JsonSerializer.Serialize(text, JsonDefaults.Options));
    }

    /// <summary>
    /// The tokenizer of a vocabulary file with the settings that define tokenization (a saved-model contract's, which
    /// needs no manifest); loaded once per file and settings.
    /// </summary>
    public static BertTextTokenizer For(string vocabPath, bool lowercase, bool stripAccents, int maxLength) =>
        For(vocabPath, lowercase, stripAccents, maxLength, JsonSerializer.Serialize(new { lowercase, stripAccents, maxLength }, JsonDefaults.Options));

    private static BertTextTokenizer For(string vocabPath, bool lowercase, bool stripAccents, int maxLength, string settings) =>
        // PublicationOnly: a failure (a vocabulary not there yet) is not cached, the next call tries again.
        Loaded.GetOrAdd(vocabPath + "\n" + settings, _ => new Lazy<BertTextTokenizer>(
            () => new BertTextTokenizer(vocabPath, lowercase, stripAccents, maxLength, settings), LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>Token ids of <paramref name="text"/>: [CLS], at most MaxLength - 2 word pieces, [SEP].</summary>
    public int[] Encode(string? text)
    {
        var pieces = string.IsNullOrEmpty(text) ? [] : _tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var count = Math.Min(pieces.Count, MaxLength - 2);
        var ids = new int[count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < count; i++) ids[i + 1] = pieces[i];
        ids[count + 1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    /// <summary>
    /// Writes one row of model inputs padded to the spans' length: token ids (padding id after the text), attention mask
    /// (1 over the text's tokens, then 0) and token type ids (all 0). The spans must hold at least the encoded tokens.
    /// </summary>
    public void Fill(ReadOnlySpan<int> tokens, Span<long> ids, Span<long> mask, Span<long> types)
    {
        ids.Fill(_tokenizer.PaddingTokenId);
        mask.Clear();
        types.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = tokens[i];
            mask[i] = 1;
        }
    }
}
