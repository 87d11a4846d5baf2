namespace MlNetTransfer.Common;

/// <summary>"Did you mean …?" for a misspelled name: a column, an option or a command.</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate closest to <paramref name="wanted"/> by Levenshtein edit distance (insertions, deletions and
    /// substitutions of one character each; case ignored, invariant culture), when that distance is at most 2 or a third
    /// of <paramref name="wanted"/>'s length, whichever is larger; null otherwise or without candidates. Ties go to the
    /// first candidate, in the order given.
    /// </summary>
    /// <param name="wanted">The name as the user wrote it.</param>
    /// <param name="candidates">The names that exist.</param>
    public static string? Nearest(string wanted, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(candidates);
        var lowered = wanted.ToLowerInvariant();
        var best = candidates.Select(c => (Name: c, Distance: EditDistance(lowered, c.ToLowerInvariant())))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, wanted.Length / 3) ? best.Name : null;
    }

    /// <summary>
    /// The one candidate of which <paramref name="wanted"/> names a part: every word of <paramref name="wanted"/> (split at
    /// '-', case ignored) is a whole word of the candidate (<c>epochs</c> -> <c>unfreeze-epochs</c>, <c>budget</c> ->
    /// <c>time-budget</c>); null when none or more than one candidate has them all, or <paramref name="wanted"/> is empty.
    /// </summary>
    /// <param name="wanted">The name as the user wrote it.</param>
    /// <param name="candidates">The names that exist.</param>
    public static string? OnlyContaining(string wanted, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(candidates);
        var words = Words(wanted);
        if (words.Length == 0) return null;
        var matches = candidates.Where(c => words.All(Words(c).Contains)).Distinct().Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string[] Words(string name) => name.ToLowerInvariant().Split('-', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The Levenshtein distance between <paramref name="a"/> and <paramref name="b"/> (ordinal characters).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
