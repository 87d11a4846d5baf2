using Microsoft.ML.Data;

namespace MlNetTransfer.Text;

/// <summary>
/// The terms of one part (word or char) of one document, computed by the same functions as the saved model's steps
/// (<see cref="PythonText.Lower"/>, <see cref="Analyzers"/>, <see cref="StopWordFilter"/> for the stock stop-word
/// step, <see cref="TextMappings.Stem"/>), in the same order. The training path calls this directly instead of
/// running the steps through ML.NET cursors.
/// </summary>
internal sealed class PartAnalyzer
{
    private readonly bool _lowercase;
    private readonly bool _stem;
    private readonly StopWordFilter? _stopWords;

    public PartAnalyzer(TextVectorizerOptions options, bool isWord)
    {
        IsWord = isWord;
        Range = (isWord ? options.WordNgrams : options.CharNgrams) ?? throw new ArgumentException($"The options have no {(isWord ? "word" : "char")} part.", nameof(options));
        _lowercase = options.Lowercase;
        _stem = isWord && options.Stem;
        _stopWords = isWord && options.StopWords is { Count: > 0 } words ? new StopWordFilter(words) : null;
    }

    /// <summary>True for the word part, false for the char_wb part.</summary>
    public bool IsWord { get; }

    /// <summary>The n-gram lengths.</summary>
    public NgramRange Range { get; }

    /// <summary>"word" or "char", for messages.</summary>
    public string Name => IsWord ? "word" : "char";

    /// <summary>The terms of <paramref name="text"/>, valid until the next call with the same <paramref name="buffers"/>.</summary>
    public ReadOnlySpan<ReadOnlyMemory<char>> Terms(ReadOnlyMemory<char> text, Buffers buffers)
    {
        var doc = _lowercase ? PythonText.Lower(text) : text;
        if (!IsWord)
        {
            Analyzers.CharWbNgrams(doc, Range.Min, Range.Max, ref buffers.Terms);
            return buffers.Terms.GetValues();
        }
        Analyzers.Tokenize(doc, ref buffers.Tokens);
        if (_stopWords is not null)
        {
            _stopWords.Remove(buffers.Tokens, ref buffers.Kept);
            (buffers.Tokens, buffers.Kept) = (buffers.Kept, buffers.Tokens);
        }
        if (_stem)
        {
            TextMappings.Stem(buffers.Tokens, ref buffers.Kept);
            (buffers.Tokens, buffers.Kept) = (buffers.Kept, buffers.Tokens);
        }
        if (Range == new NgramRange(1, 1)) return buffers.Tokens.GetValues();
        Analyzers.WordNgrams(buffers.Tokens, Range.Min, Range.Max, ref buffers.Terms);
        return buffers.Terms.GetValues();
    }

    /// <summary>Per-thread working buffers of <see cref="Terms"/>.</summary>
    internal sealed class Buffers
    {
        public VBuffer<ReadOnlyMemory<char>> Tokens;
        public VBuffer<ReadOnlyMemory<char>> Kept;
        public VBuffer<ReadOnlyMemory<char>> Terms;
    }
}
