using System.Buffers.Binary;
using System.Globalization;

namespace MlNetTransfer.Workflows;

/// <summary>
/// One share of a data set for featurizing on several machines: shard <see cref="Index"/> of <see cref="Count"/>
/// (<c>--shard 2/8</c>). A row belongs to shard <c>h mod n</c>, where h is the first 8 bytes (big-endian) of the sha256
/// of the row's content (<see cref="RowContentHash"/>): the share depends on what the inputs are, not on where they lie
/// or in what order they are listed, so every machine that lists the same inputs picks disjoint shares that together
/// cover every row once.
/// </summary>
/// <param name="Index">The shard to featurize, 0 ≤ Index &lt; Count (Kubernetes' <c>JOB_COMPLETION_INDEX</c> counts from 0).</param>
/// <param name="Count">How many shards the inputs are split into, ≥ 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>
    /// Parses <c>&lt;i&gt;/&lt;n&gt;</c> (whole numbers, 0 ≤ i &lt; n). A <see cref="UserInputException"/> repeating the value
    /// and saying what was expected when it does not parse or is out of range.
    /// </summary>
    public static ShardSpec Parse(string text) =>
        Problem(text) is { } problem ? throw new UserInputException($"--shard {problem}.") : FromValid(text);

    /// <summary>What is wrong with <paramref name="text"/> as <c>&lt;i&gt;/&lt;n&gt;</c> (phrased to follow the option's name), or null when it parses.</summary>
    public static string? Problem(string? text)
    {
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || !TryWhole(parts[0], out var index) || !TryWhole(parts[1], out var count))
            return $"must be <i>/<n> with whole numbers, the shard's index i counting from 0 and the number of shards n, e.g. 0/4 (got '{text}')";
        if (count < 1) return $"needs at least one shard: n must be 1 or more (got '{text}')";
        if (index >= count) return $"index {index} is not below the number of shards {count}: shards are numbered 0 to {count - 1} (got '{text}')";
        return null;
    }

    /// <summary>The shard's own problems (an index outside 0..Count-1, a count below 1), each naming <c>{0}</c> for the option.</summary>
    internal IEnumerable<string> Problems()
    {
        if (Count < 1) yield return $"{{0}} needs at least one shard (got Count {Count})";
        else if (Index < 0 || Index >= Count) yield return $"{{0}} index must be between 0 and {Count - 1} (got {Index})";
    }

    /// <summary>Whether a row whose content hash is <paramref name="sha256"/> (32 bytes) falls in this shard.</summary>
    public bool Holds(ReadOnlySpan<byte> sha256) => (int)(BinaryPrimitives.ReadUInt64BigEndian(sha256) % (ulong)Count) == Index;

    /// <summary><c>i/n</c>, as parsed.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static ShardSpec FromValid(string text)
    {
        var parts = text.Split('/');
        TryWhole(parts[0], out var index);
        TryWhole(parts[1], out var count);
        return new ShardSpec(index, count);
    }

    private static bool TryWhole(string text, out int value) =>
        int.TryParse(text.Trim(), NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out value);
}
