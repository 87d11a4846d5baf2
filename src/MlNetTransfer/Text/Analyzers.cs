using Microsoft.ML.Data;

namespace MlNetTransfer.Text;

/// <summary>
/// The analyzers of scikit-learn's vectorizers, on already lower-cased text: the word tokenizer (token pattern
/// <c>(?u)\b\w\w+\b</c>: maximal runs of two or more word characters), word n-grams joined by one space, and
/// <c>char_wb</c> character n-grams of each whitespace-separated word padded with one space on each side.
/// The custom mappings of the saved model and the vocabulary fit both call these, so the two cannot disagree.
/// Outputs are slices of the input or of one fresh buffer per document: downstream caches may keep them.
/// </summary>
internal static class Analyzers
{
    [ThreadStatic] private static ReadOnlyMemory<char>[]? _scratch;

    private static ReadOnlyMemory<char>[] Scratch(int capacity)
    {
        var scratch = _scratch;
        if (scratch is null || scratch.Length < capacity)
            _scratch = scratch = new ReadOnlyMemory<char>[Math.Max(capacity, Math.Max(256, (scratch?.Length ?? 0) * 2))];
        return scratch;
    }

    private static void Commit(ReadOnlyMemory<char>[] values, int count, ref VBuffer<ReadOnlyMemory<char>> dst)
    {
        var editor = VBufferEditor.Create(ref dst, count);
        values.AsSpan(0, count).CopyTo(editor.Values);
        dst = editor.Commit();
    }

    /// <summary>The tokens of <paramref name="doc"/>, as slices of it, into <paramref name="tokens"/> (reused when large enough).</summary>
    public static void Tokenize(ReadOnlyMemory<char> doc, ref VBuffer<ReadOnlyMemory<char>> tokens)
    {
        var span = doc.Span;
        var values = Scratch((span.Length + 1) / 3 + 1);
        var count = 0;
        var start = -1;
        var runLength = 0;
        for (var i = 0; i < span.Length;)
        {
            var c = span[i];
            int units;
            bool word;
            if (c < 128) { word = char.IsAsciiLetterOrDigit(c) || c == '_'; units = 1; }
            else word = PythonText.IsWord(PythonText.CodePointAt(span, i, out units));
            if (word)
            {
                if (start < 0) { start = i; runLength = 0; }
                runLength++;
            }
            else if (start >= 0)
            {
                if (runLength >= 2) values[count++] = doc[start..i];
                start = -1;
            }
            i += units;
        }
        if (start >= 0 && runLength >= 2) values[count++] = doc[start..];
        Commit(values, count, ref tokens);
    }

    /// <summary>The word n-grams of lengths <paramref name="min"/>..<paramref name="max"/> of <paramref name="tokens"/>.</summary>
    public static void WordNgrams(in VBuffer<ReadOnlyMemory<char>> tokens, int min, int max, ref VBuffer<ReadOnlyMemory<char>> terms)
    {
        var src = tokens.GetValues();
        var n = src.Length;
        var total = 0;
        var chars = 0;
        for (var len = Math.Max(min, 2); len <= Math.Min(max, n); len++)
        {
            total += n - len + 1;
            for (var i = 0; i + len <= n; i++)
                for (var k = 0; k < len; k++) chars += src[i + k].Length + 1;
        }
        var unigrams = min == 1 ? n : 0;
        var editor = VBufferEditor.Create(ref terms, unigrams + total);
        var dst = editor.Values;
        var count = 0;
        for (var i = 0; i < unigrams; i++) dst[count++] = src[i];
        if (total > 0)
        {
            var buffer = new char[chars];
            var pos = 0;
            for (var len = Math.Max(min, 2); len <= Math.Min(max, n); len++)
                for (var i = 0; i + len <= n; i++)
                {
                    var begin = pos;
                    for (var k = 0; k < len; k++)
                    {
                        if (k > 0) buffer[pos++] = ' ';
                        src[i + k].Span.CopyTo(buffer.AsSpan(pos));
                        pos += src[i + k].Length;
                    }
                    dst[count++] = new ReadOnlyMemory<char>(buffer, begin, pos - begin);
                }
        }
        terms = editor.Commit();
    }

    /// <summary>
    /// scikit-learn's <c>_char_wb_ngrams</c>: for each whitespace-separated word w of <paramref name="doc"/>, the
    /// n-grams (in code points) of " w " for n = <paramref name="min"/>..<paramref name="max"/>; a padded word
    /// no longer than n is emitted once, whole, and ends that word's n-grams.
    /// </summary>
    public static void CharWbNgrams(ReadOnlyMemory<char> doc, int min, int max, ref VBuffer<ReadOnlyMemory<char>> terms)
    {
        var span = doc.Span;
        // One buffer holding every padded word " w " back to back; each n-gram is a slice of it.
        var buffer = new char[span.Length + 2 * (span.Length / 2 + 1)];
        var pos = 0;
        var wordStarts = new List<int>();
        for (var i = 0; i < span.Length;)
        {
            if (PythonText.IsSpace(span[i])) { i++; continue; }
            var j = i;
            while (j < span.Length && !PythonText.IsSpace(span[j])) j++;
            wordStarts.Add(pos);
            buffer[pos++] = ' ';
            span[i..j].CopyTo(buffer.AsSpan(pos));
            pos += j - i;
            buffer[pos++] = ' ';
            i = j;
        }
        wordStarts.Add(pos);
        var padded = new ReadOnlyMemory<char>(buffer, 0, pos);
        var capacity = 0;
        for (var w = 0; w + 1 < wordStarts.Count; w++)
            capacity += (wordStarts[w + 1] - wordStarts[w]) * (max - min + 1);
        var dst = Scratch(capacity);
        var count = 0;
        Span<int> small = stackalloc int[64];
        for (var w = 0; w + 1 < wordStarts.Count; w++)
        {
            var begin = wordStarts[w];
            var word = padded[begin..wordStarts[w + 1]];
            var ws = word.Span;
            // Code point boundaries of the padded word (UTF-16 offsets); without surrogates they are 0..Length.
            var hasSurrogates = ws.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
            scoped Span<int> bounds = default;
            int length;
            if (hasSurrogates)
            {
                bounds = ws.Length + 1 <= small.Length ? small : new int[ws.Length + 1];
                length = 0;
                for (var i = 0; i < ws.Length;)
                {
                    bounds[length++] = i;
                    PythonText.CodePointAt(ws, i, out var units);
                    i += units;
                }
                bounds[length] = ws.Length;
            }
            else length = ws.Length;
            for (var n = min; n <= max; n++)
            {
                var offset = 0;
                dst[count++] = Slice(word, bounds, hasSurrogates, 0, Math.Min(n, length));
                while (offset + n < length)
                {
                    offset++;
                    dst[count++] = Slice(word, bounds, hasSurrogates, offset, offset + n);
                }
                if (offset == 0) break;
            }
        }
        Commit(dst, count, ref terms);
    }

    private static ReadOnlyMemory<char> Slice(ReadOnlyMemory<char> word, Span<int> bounds, bool hasSurrogates, int from, int to) =>
        hasSurrogates ? word[bounds[from]..bounds[to]] : word[from..to];
}
