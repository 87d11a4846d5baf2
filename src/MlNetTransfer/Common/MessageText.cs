namespace MlNetTransfer.Common;

/// <summary>Small text helpers for the messages users read (errors, reports).</summary>
internal static class MessageText
{
    /// <summary>
    /// <paramref name="text"/> with its first character upper-cased (invariant culture), to start a sentence with a
    /// phrase written to be embedded ("image 'a.png' is truncated" -&gt; "Image 'a.png' is truncated"). An empty
    /// string is returned as it is.
    /// </summary>
    public static string Capitalized(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
