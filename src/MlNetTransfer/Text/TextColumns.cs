namespace MlNetTransfer.Text;

/// <summary>
/// Names of the vectorizer's working columns. Custom mappings bind columns by their row classes' field names, and a
/// loaded model rebuilds them from the contract name alone, so these names are part of each contract.
/// All are dropped at the end of the vectorizer.
/// </summary>
internal static class TextColumns
{
    public const string Raw = "mlnt.text.raw";
    public const string Doc = "mlnt.text.doc";
    public const string Tokens = "mlnt.text.tokens";
    public const string Stems = "mlnt.text.stems";
    public const string Terms = "mlnt.text.terms";
    public const string Keys = "mlnt.text.keys";
    public const string Counts = "mlnt.text.counts";
    public const string Tf = "mlnt.text.tf";
    public const string Weighted = "mlnt.text.weighted";
    public const string WordPart = "mlnt.text.word";
    public const string CharPart = "mlnt.text.char";

    public static readonly string[] All = [Raw, Doc, Tokens, Stems, Terms, Keys, Counts, Tf, Weighted, WordPart, CharPart];
}
