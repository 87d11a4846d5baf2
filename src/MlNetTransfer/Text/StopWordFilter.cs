using Microsoft.ML.Data;

namespace MlNetTransfer.Text;

/// <summary>
/// The training-path twin of the saved model's stock <c>RemoveStopWords</c> step (ML.NET's custom stop-word
/// remover): the words are trimmed of spaces and lower-cased one UTF-16 unit at a time with the invariant culture,
/// and a token is dropped when its lower-cased form is one of them. Tests prove both paths give the same terms.
/// </summary>
internal sealed class StopWordFilter
{
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longest;

    public StopWordFilter(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            var trimmed = word.AsSpan().Trim(' ');
            if (trimmed.IsEmpty) continue;
            var lower = new char[trimmed.Length];
            Lower(trimmed, lower);
            _words.Add(new string(lower));
            _longest = Math.Max(_longest, lower.Length);
        }
        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [ThreadStatic] private static ReadOnlyMemory<char>[]? _scratch;

    /// <summary>The tokens of <paramref name="tokens"/> that are not stop words, in order, into <paramref name="kept"/>.</summary>
    public void Remove(in VBuffer<ReadOnlyMemory<char>> tokens, ref VBuffer<ReadOnlyMemory<char>> kept)
    {
        var src = tokens.GetValues();
        var scratch = _scratch is { } s && s.Length >= src.Length ? s : _scratch = new ReadOnlyMemory<char>[Math.Max(256, src.Length * 2)];
        Span<char> lower = stackalloc char[_longest];
        var count = 0;
        foreach (var token in src)
        {
            if (token.IsEmpty) continue;
            if (token.Length <= _longest)
            {
                var span = lower[..token.Length];
                Lower(token.Span, span);
                if (_lookup.Contains(span)) continue;
            }
            scratch[count++] = token;
        }
        var editor = VBufferEditor.Create(ref kept, count);
        scratch.AsSpan(0, count).CopyTo(editor.Values);
        kept = editor.Commit();
    }

    private static void Lower(ReadOnlySpan<char> source, Span<char> destination)
    {
        for (var i = 0; i < source.Length; i++) destination[i] = char.ToLowerInvariant(source[i]);
    }
}
