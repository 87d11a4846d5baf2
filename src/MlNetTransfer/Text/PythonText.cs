using System.Globalization;
using System.Text;

namespace MlNetTransfer.Text;

/// <summary>
/// Python 3 <c>str</c> semantics that scikit-learn's text vectorizers rely on: <c>str.lower()</c> (full lower-case
/// mapping: U+0130 becomes "i̇", a capital sigma becomes final sigma at the end of a word), the <c>\w</c> class of a
/// <c>(?u)</c> regex (letters, numbers and '_', no combining marks) and <c>str.isspace()</c>.
/// All work on code points, so characters outside the BMP count as one character, as in Python.
/// </summary>
internal static class PythonText
{
    private static readonly bool[] AsciiWord = BuildAsciiWord();

    private static bool[] BuildAsciiWord()
    {
        var table = new bool[128];
        for (var c = '0'; c <= '9'; c++) table[c] = true;
        for (var c = 'a'; c <= 'z'; c++) table[c] = true;
        for (var c = 'A'; c <= 'Z'; c++) table[c] = true;
        table['_'] = true;
        return table;
    }

    /// <summary>Python's <c>\w</c> for one code point: a letter (L*), a number (N*) or '_'.</summary>
    public static bool IsWord(int codePoint)
    {
        if (codePoint < 128) return AsciiWord[codePoint];
        switch (CharUnicodeInfo.GetUnicodeCategory(codePoint))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Python's <c>str.isspace()</c> for one UTF-16 unit (every such code point is in the BMP).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary>The code point at <paramref name="i"/> and its length in UTF-16 units (a lone surrogate is itself).</summary>
    public static int CodePointAt(ReadOnlySpan<char> s, int i, out int units)
    {
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            units = 2;
            return char.ConvertToUtf32(c, s[i + 1]);
        }
        units = 1;
        return c;
    }

    /// <summary>
    /// Python's <c>str.lower()</c>. Returns <paramref name="text"/> itself when nothing changes (the common case
    /// for lower-case ASCII text), else a new string.
    /// </summary>
    public static ReadOnlyMemory<char> Lower(ReadOnlyMemory<char> text)
    {
        var span = text.Span;
        var first = FirstChange(span);
        if (first < 0) return text;
        var builder = new StringBuilder(span.Length + 4);
        builder.Append(span[..first]);
        for (var i = first; i < span.Length;)
        {
            var cp = CodePointAt(span, i, out var units);
            if (cp < 128)
                builder.Append(cp is >= 'A' and <= 'Z' ? (char)(cp + 32) : (char)cp);
            else if (cp == 0x130)
                builder.Append("i\u0307");
            else if (cp == 0x3A3)
                builder.Append(IsFinalSigma(span, i) ? '\u03C2' : '\u03C3');
            else if (units == 1)
                builder.Append(char.IsSurrogate((char)cp) ? (char)cp : char.ToLowerInvariant((char)cp));
            else
                builder.Append(Rune.ToLowerInvariant(new Rune(cp)).ToString());
            i += units;
        }
        return builder.ToString().AsMemory();
    }

    private static int FirstChange(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 128)
            {
                if (c is >= 'A' and <= 'Z') return i;
            }
            else if (char.IsSurrogate(c) || c == '\u0130' || c == '\u03A3' || char.ToLowerInvariant(c) != c)
                return i;
        }
        return -1;
    }

    /// <summary>Unicode's Final_Sigma context: cased letter, case-ignorables, Σ, then no cased letter after case-ignorables.</summary>
    private static bool IsFinalSigma(ReadOnlySpan<char> s, int i)
    {
        var j = i - 1;
        var before = -1;
        while (j >= 0)
        {
            var start = j > 0 && char.IsLowSurrogate(s[j]) && char.IsHighSurrogate(s[j - 1]) ? j - 1 : j;
            var cp = CodePointAt(s, start, out _);
            j = start - 1;
            if (!IsCaseIgnorable(cp)) { before = cp; break; }
        }
        if (before < 0 || !IsCased(before)) return false;
        for (var k = i + 1; k < s.Length;)
        {
            var cp = CodePointAt(s, k, out var units);
            k += units;
            if (!IsCaseIgnorable(cp)) return !IsCased(cp);
        }
        return true;
    }

    private static bool IsCased(int cp) => CharUnicodeInfo.GetUnicodeCategory(cp)
        is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(int cp) =>
        cp is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027 or 0xFE13 or 0xFE52
            or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A
        || CharUnicodeInfo.GetUnicodeCategory(cp) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;

    /// <summary>Orders strings by code point, as Python compares <c>str</c> (UTF-16 ordinal order differs above U+FFFF).</summary>
    public static int CompareCodePoints(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            return Fix(x) - Fix(y);
        }
        return a.Length - b.Length;

        // Surrogates (U+D800..DFFF, code points above U+FFFF) sort after U+E000..FFFF in code point order.
        static int Fix(char c) => c < '\uD800' ? c : c >= '\uE000' ? c - 0x800 : c + 0x2000;
    }
}
