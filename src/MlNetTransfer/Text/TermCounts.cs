using System.Runtime.InteropServices;

namespace MlNetTransfer.Text;

/// <summary>
/// The term counts of one part over a contiguous range of documents: for each document, its distinct terms (as ids)
/// and how often each occurs. <see cref="CountNew"/> numbers terms as it meets them (fitting: the ids are local to the
/// range, with each term's document frequency and total count, as scikit-learn's <c>_count_vocab</c> builds its
/// matrix while it fits); <see cref="CountKnown"/> counts only the terms of a fitted vocabulary, ids being its slots.
/// </summary>
internal sealed class TermCounts
{
    private int[] _ids = new int[256];
    private int[] _counts = new int[256];
    private int _entries;

    private TermCounts(int documents)
    {
        RowEnds = new int[documents];
    }

    /// <summary>End (exclusive) of each document's entries; document d's start is the previous document's end (0 for the first).</summary>
    public int[] RowEnds { get; }

    /// <summary>Terms by local id (<see cref="CountNew"/> only).</summary>
    public string[] Terms { get; private set; } = [];

    /// <summary>Document frequency by local id (<see cref="CountNew"/> only).</summary>
    public int[] DocumentFrequencies { get; private set; } = [];

    /// <summary>Total count by local id (<see cref="CountNew"/> only).</summary>
    public long[] Totals { get; private set; } = [];

    /// <summary>The term ids of document <paramref name="d"/> (relative to the range).</summary>
    public Span<int> Ids(int d) => _ids.AsSpan(Start(d), RowEnds[d] - Start(d));

    /// <summary>The counts of document <paramref name="d"/>, aligned with <see cref="Ids"/>.</summary>
    public Span<int> Counts(int d) => _counts.AsSpan(Start(d), RowEnds[d] - Start(d));

    private int Start(int d) => d == 0 ? 0 : RowEnds[d - 1];

    private void Add(int id)
    {
        if (_entries == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _counts, _counts.Length * 2);
        }
        _ids[_entries] = id;
        _counts[_entries++] = 1;
    }

    /// <summary>Counts every term of documents [<paramref name="from"/>, <paramref name="to"/>), numbering terms as met.</summary>
    public static TermCounts CountNew(PartAnalyzer analyzer, IReadOnlyList<ReadOnlyMemory<char>> documents, int from, int to)
    {
        var result = new TermCounts(to - from);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffers = new PartAnalyzer.Buffers();
        var frequencies = new int[1024];
        var totals = new long[1024];
        var lastDocument = new int[1024];
        var position = new int[1024];
        for (var d = from; d < to; d++)
        {
            foreach (var term in analyzer.Terms(documents[d], buffers))
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, term.Span, out var exists);
                if (!exists)
                {
                    slot = ids.Count - 1;
                    if (slot == frequencies.Length)
                    {
                        var size = slot * 2;
                        Array.Resize(ref frequencies, size);
                        Array.Resize(ref totals, size);
                        Array.Resize(ref lastDocument, size);
                        Array.Resize(ref position, size);
                    }
                    lastDocument[slot] = -1;
                }
                var id = slot;
                totals[id]++;
                if (lastDocument[id] != d)
                {
                    lastDocument[id] = d;
                    frequencies[id]++;
                    position[id] = result._entries;
                    result.Add(id);
                }
                else result._counts[position[id]]++;
            }
            result.RowEnds[d - from] = result._entries;
        }
        var terms = new string[ids.Count];
        foreach (var (term, id) in ids) terms[id] = term;
        result.Terms = terms;
        result.DocumentFrequencies = frequencies[..terms.Length];
        result.Totals = totals[..terms.Length];
        return result;
    }

    /// <summary>Counts the terms of <paramref name="part"/>'s vocabulary in documents [<paramref name="from"/>, <paramref name="to"/>); ids are slots, sorted per document.</summary>
    public static TermCounts CountKnown(FittedPart part, IReadOnlyList<ReadOnlyMemory<char>> documents, int from, int to)
    {
        var result = new TermCounts(to - from);
        var index = part.Vocabulary.Index;
        var buffers = new PartAnalyzer.Buffers();
        var counts = new int[part.Size];
        var touched = new List<int>();
        for (var d = from; d < to; d++)
        {
            foreach (var term in part.Analyzer.Terms(documents[d], buffers))
                if (index.TryGetValue(term.Span, out var j) && counts[j]++ == 0) touched.Add(j);
            touched.Sort();
            foreach (var j in touched)
            {
                result.Add(j);
                result._counts[result._entries - 1] = counts[j];
                counts[j] = 0;
            }
            touched.Clear();
            result.RowEnds[d - from] = result._entries;
        }
        return result;
    }

    /// <summary>
    /// Turns local ids into vocabulary slots through <paramref name="slots"/> (-1: pruned, dropped) and sorts each
    /// document's entries by slot, in place.
    /// </summary>
    public void ToSlots(ReadOnlySpan<int> slots)
    {
        var write = 0;
        var start = 0;
        for (var d = 0; d < RowEnds.Length; d++)
        {
            var rowStart = write;
            for (var e = start; e < RowEnds[d]; e++)
            {
                var slot = slots[_ids[e]];
                if (slot < 0) continue;
                _ids[write] = slot;
                _counts[write++] = _counts[e];
            }
            start = RowEnds[d];
            RowEnds[d] = write;
            Array.Sort(_ids, _counts, rowStart, write - rowStart);
        }
        _entries = write;
        Terms = [];
        DocumentFrequencies = [];
        Totals = [];
    }
}
