using System.Globalization;
using System.Text;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Turns column names (anything a user's CSV header holds: spaces, dashes, brackets, leading digits, keywords, other
/// scripts) into C# identifiers and literals for the generated code (<see cref="CodegenWorkflow"/>).
/// </summary>
internal static class CodegenNames
{
    /// <summary>
    /// A PascalCase identifier for <paramref name="name"/>: the runs of letters, digits and underscores, each started
    /// upper-case, joined (<c>Beak Length (mm)</c> -&gt; <c>BeakLengthMm</c>, <c>petal-width</c> -&gt; <c>PetalWidth</c>,
    /// <c>class</c> -&gt; <c>Class</c>: every C# keyword is lower-case, so none survives); a leading digit gets
    /// <c>_</c> in front (<c>2nd</c> -&gt; <c>_2nd</c>); nothing usable gives <paramref name="fallback"/>. A name
    /// that is already a valid identifier starting upper-case is kept as it is.
    /// </summary>
    public static string Identifier(string name, string fallback = "Column")
    {
        var builder = new StringBuilder();
        var startOfWord = true;
        foreach (var rune in name.EnumerateRunes())
        {
            if (IsPart(rune))
            {
                var text = rune.ToString();
                builder.Append(startOfWord ? text.ToUpperInvariant() : text);
                startOfWord = false;
            }
            else startOfWord = true;
        }
        if (builder.Length == 0) return fallback;
        if (!IsStart(Rune.GetRuneAt(builder.ToString(), 0))) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>Letters, digits, underscores and combining marks: what C# allows after an identifier's first character.</summary>
    private static bool IsPart(Rune rune) => rune.Value == '_' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.LetterNumber or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>What C# allows first: a letter or an underscore.</summary>
    private static bool IsStart(Rune rune) => rune.Value == '_' || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.LetterNumber;

    /// <summary>
    /// One identifier per name, in order, distinct from each other and from <paramref name="reserved"/> (the class's
    /// own name, members it already has): a clash gets <c>_2</c>, <c>_3</c>… (<c>a b</c> and <c>a-b</c> -&gt; <c>AB</c>, <c>AB_2</c>).
    /// </summary>
    public static IReadOnlyList<string> Unique(IEnumerable<string> names, IEnumerable<string> reserved)
    {
        var taken = new HashSet<string>(reserved, StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var name in names)
        {
            var identifier = Identifier(name);
            var candidate = identifier;
            for (var n = 2; !taken.Add(candidate); n++) candidate = $"{identifier}_{n.ToString(CultureInfo.InvariantCulture)}";
            result.Add(candidate);
        }
        return result;
    }

    /// <summary>A C# regular string literal, quotes included, that evaluates to <paramref name="value"/> (any character, control ones escaped).</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary><paramref name="value"/> as inline code in Markdown: backticks fenced by a longer run, line breaks as spaces.</summary>
    public static string MarkdownCode(string value)
    {
        var flat = value.Replace("\r", " ").Replace("\n", " ");
        var longest = 0;
        for (int i = 0, run = 0; i < flat.Length; i++)
        {
            run = flat[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || flat.Length == 0 ? " " : "";
        return fence + pad + flat + pad + fence;
    }
}
