using System.Globalization;
using System.Text;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>Column names from users become valid, unique C# identifiers and exact C# literals (<see cref="CodegenNames"/>).</summary>
public sealed class CodegenNamesTests
{
    /// <summary>Every C# keyword (reserved and contextual): a generated property must be none of them.</summary>
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default",
        "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto",
        "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc",
        "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using",
        "virtual", "void", "volatile", "while", "var", "value", "get", "set", "init", "record", "field", "required", "scoped", "file", "dynamic",
    ];

    /// <summary>What the C# grammar allows: a letter or underscore, then letters, digits, underscores, combining marks; not a keyword.</summary>
    private static bool IsValidIdentifier(string s)
    {
        if (s.Length == 0 || Keywords.Contains(s)) return false;
        var first = true;
        foreach (var rune in s.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var letter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber || rune.Value == '_';
            var part = letter || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (first ? !letter : !part) return false;
            first = false;
        }
        return true;
    }

    [Theory]
    [InlineData("ImagePath", "ImagePath")]
    [InlineData("Beak Length (mm)", "BeakLengthMm")]
    [InlineData("petal-width", "PetalWidth")]
    [InlineData("2nd value", "_2ndValue")]
    [InlineData("class", "Class")]
    [InlineData("int", "Int")]
    [InlineData("temp_max", "Temp_max")]
    [InlineData("naïve café", "NaïveCafé")]
    [InlineData("日本語 列", "日本語列")]
    [InlineData("---", "Column")]
    [InlineData("", "Column")]
    [InlineData("😀 smile", "Smile")]
    [InlineData("a\"b\\c\nd", "ABCD")]
    public void Identifier_IsPascalCaseOfTheWords_AndValid(string column, string expected)
    {
        var identifier = CodegenNames.Identifier(column);
        Assert.Equal(expected, identifier);
        Assert.True(IsValidIdentifier(identifier), identifier);
    }

    [Fact]
    public void EveryKeyword_AsAColumnName_GivesAValidIdentifier()
    {
        foreach (var keyword in Keywords)
            Assert.True(IsValidIdentifier(CodegenNames.Identifier(keyword)), keyword);
    }

    [Fact]
    public void Unique_SuffixesClashes_AfterSanitising_AndAvoidsReservedNames()
    {
        var names = CodegenNames.Unique(["a b", "a-b", "A_B", "AB", "ab", "AB_2", "ModelInput", "ToString", "", "!"], CodegenModel.ReservedInputNames);
        Assert.Equal(["AB", "AB_2", "A_B", "AB_3", "Ab", "AB_2_2", "ModelInput_2", "ToString_2", "Column", "Column_2"], names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(IsValidIdentifier(n), n));
    }

    [Fact]
    public void RandomColumnNames_GiveValidDistinctIdentifiers()
    {
        var random = new Random(3);
        const string alphabet = "aZ09 _-()[]{}.,;:'\"\\/\n\té日😀#@$%^&*+=<>?!`~|";
        for (var round = 0; round < 200; round++)
        {
            var columns = Enumerable.Range(0, random.Next(1, 12)).Select(_ => new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .Select(s => s.Replace("\uD83D", "").Replace("\uDE00", "")) // half a surrogate pair is not a name
                .ToList();
            var names = CodegenNames.Unique(columns, CodegenModel.ReservedInputNames);
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            Assert.All(names, n => Assert.True(IsValidIdentifier(n), $"'{n}' from [{string.Join(" | ", columns)}]"));
            Assert.DoesNotContain(names, n => CodegenModel.ReservedInputNames.Contains(n));
        }
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\dir\\x", "\"C:\\\\dir\\\\x\"")]
    [InlineData("two\nlines\r\t", "\"two\\nlines\\r\\t\"")]
    [InlineData("nul\0bell\a", "\"nul\\0bell\\u0007\"")]
    [InlineData("{braces}", "\"{braces}\"")]
    public void Literal_EscapesWhatACSharpStringNeeds(string value, string expected) => Assert.Equal(expected, CodegenNames.Literal(value));

    [Theory]
    [InlineData("a", "`a`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    [InlineData("two\nlines", "`two lines`")]
    public void MarkdownCode_FencesBackticks(string value, string expected) => Assert.Equal(expected, CodegenNames.MarkdownCode(value));
}
