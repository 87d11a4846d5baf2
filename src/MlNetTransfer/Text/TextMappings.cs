using Lucene.Net.Tartarus.Snowball.Ext;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetTransfer.Text;

/// <summary>
/// The parameter-free custom mappings of the vectorizer, each under a versioned contract name. A saved model stores
/// only the contract name; <see cref="ContractRegistry.RegisterAll"/> lets <c>mlContext.Model.Load</c> find these
/// factories. Changing what a contract computes needs a new version in its name.
/// </summary>
internal static class TextMappings
{
    public const string Lowercase = "MlNetTransfer.Text.Lowercase.v1";
    public const string WordTokens = "MlNetTransfer.Text.WordTokens.v1";
    public const string SnowballEnglish = "MlNetTransfer.Text.SnowballEnglish.v1";

    public static string WordNgrams(NgramRange range) => $"MlNetTransfer.Text.WordNgrams.{range.Min}-{range.Max}.v1";

    public static string CharWbNgrams(NgramRange range) => $"MlNetTransfer.Text.CharWbNgrams.{range.Min}-{range.Max}.v1";

    /// <summary>The factory registered under <paramref name="contract"/> (as ML.NET finds it at load time).</summary>
    public static CustomMappingFactory<TSrc, TDst> Factory<TSrc, TDst>(string contract)
        where TSrc : class, new() where TDst : class, new()
    {
        var type = FactoryTypes.Value.TryGetValue(contract, out var t) ? t
            : throw new InvalidOperationException($"No custom mapping factory is registered for contract '{contract}'.");
        return (CustomMappingFactory<TSrc, TDst>)Activator.CreateInstance(type)!;
    }

    /// <summary>Every contract of this assembly's custom mappings and its factory type.</summary>
    public static readonly Lazy<IReadOnlyDictionary<string, Type>> FactoryTypes = new(() =>
        typeof(TextMappings).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(CustomMappingFactoryAttributeAttribute), false)
                .Cast<CustomMappingFactoryAttributeAttribute>().Select(a => (a.ContractName, Type: t)))
            .ToDictionary(x => x.ContractName, x => x.Type));

    [ThreadStatic] private static EnglishStemmer? _stemmer;

    /// <summary>Snowball English (Porter2) stem of one token.</summary>
    public static string StemEnglish(ReadOnlySpan<char> token)
    {
        var stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(token.ToString());
        stemmer.Stem();
        return stemmer.Current;
    }

    public static void Stem(in VBuffer<ReadOnlyMemory<char>> tokens, ref VBuffer<ReadOnlyMemory<char>> stems)
    {
        var src = tokens.GetValues();
        var editor = VBufferEditor.Create(ref stems, src.Length);
        for (var i = 0; i < src.Length; i++) editor.Values[i] = StemEnglish(src[i].Span).AsMemory();
        stems = editor.Commit();
    }
}

/// <summary>Python's <c>str.lower()</c> of the text.</summary>
[CustomMappingFactoryAttribute(TextMappings.Lowercase)]
internal sealed class LowercaseMapping : CustomMappingFactory<RawTextRow, DocumentRow>
{
    public override Action<RawTextRow, DocumentRow> GetMapping() => (src, dst) => dst.Doc = PythonText.Lower(src.Text);
}

/// <summary>The tokens of <c>(?u)\b\w\w+\b</c>.</summary>
[CustomMappingFactoryAttribute(TextMappings.WordTokens)]
internal sealed class WordTokensMapping : CustomMappingFactory<DocumentRow, TokensRow>
{
    public override Action<DocumentRow, TokensRow> GetMapping() => (src, dst) => Analyzers.Tokenize(src.Doc, ref dst.Tokens);
}

/// <summary>Snowball English stems of the tokens.</summary>
[CustomMappingFactoryAttribute(TextMappings.SnowballEnglish)]
internal sealed class SnowballEnglishMapping : CustomMappingFactory<TokensRow, StemsRow>
{
    public override Action<TokensRow, StemsRow> GetMapping() => (src, dst) => TextMappings.Stem(src.Tokens, ref dst.Stems);
}

/// <summary>Word n-grams of one length range; one registered subclass per range.</summary>
internal abstract class WordNgramsMapping(int min, int max) : CustomMappingFactory<TokensRow, TermsRow>
{
    public override Action<TokensRow, TermsRow> GetMapping() => (src, dst) => Analyzers.WordNgrams(src.Tokens, min, max, ref dst.Terms);
}

/// <summary>char_wb n-grams of one length range; one registered subclass per range.</summary>
internal abstract class CharWbNgramsMapping(int min, int max) : CustomMappingFactory<DocumentRow, TermsRow>
{
    public override Action<DocumentRow, TermsRow> GetMapping() => (src, dst) => Analyzers.CharWbNgrams(src.Doc, min, max, ref dst.Terms);
}
