namespace MlNetTransfer.Tests.Featurizers;

/// <summary>Sentences of mixed length for the text backbone tests: short, long, accented, punctuated, empty, and one past the max length.</summary>
internal static class MiniLmTexts
{
    public static readonly string[] English =
    [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "The girl is carrying a baby.",
        "A man is riding a horse.",
        "A woman is playing violin.",
        "Two men pushed carts through the woods.",
        "A man is riding a white horse on an enclosed ground.",
        "A monkey is playing drums.",
        "Someone in a gorilla costume is playing a set of drums.",
        "The new movie is awesome.",
        "The cat sits outside.",
        "The new movie is so great.",
        "Do you like pizza?",
        "I love pasta.",
        "The weather is lovely today.",
        "It is so sunny outside!",
        "He drove to the stadium.",
        "The stock market fell sharply on Monday after the central bank raised interest rates again.",
        "Machine learning models learn patterns from data.",
        "Please send the quarterly report to the finance team by Friday.",
    ];

    /// <summary>About 30 texts: the English sentences, edge cases and a text longer than 256 tokens.</summary>
    public static IReadOnlyList<string> Mixed()
    {
        var longText = string.Join(" ", Enumerable.Repeat("The quick brown fox jumps over the lazy dog while the committee deliberates.", 40));
        return
        [
            .. English,
            "",
            "Hi",
            "Café naïve résumé: accents are stripped, ÀÉÎÕÜ too.",
            "UPPER CASE and lower case should embed alike.",
            "Numbers 12345 and symbols #hashtag @user $100 (50%).",
            "Tabs\tand\nnew lines\r\nare whitespace.",
            "Supercalifragilisticexpialidocious words split into pieces.",
            "A medium length sentence about transfer learning with frozen backbones in ML.NET pipelines and a small head on top.",
            longText,
            "Short one.",
        ];
    }
}
