using System.Text.Json;
using MlNetTransfer.Text;

namespace MlNetTransfer.Tests.Text;

/// <summary>The scikit-learn reference fixtures written by Fixtures/make_sklearn_fixtures.py.</summary>
internal static class SklearnFixtures
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Text", "Fixtures", "sklearn_fixtures.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static string[] Documents(string name) =>
        Root.GetProperty("documents").GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static JsonElement Case(string name) =>
        Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<string> CaseNames() =>
        Root.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    public static double[][] Matrix(JsonElement @case, string property) =>
        @case.GetProperty(property).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    public static string[] FeatureNames(JsonElement @case) =>
        @case.GetProperty("featureNames").EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>Our options for a fixture case (scikit-learn keyword arguments).</summary>
    public static TextVectorizerOptions Options(JsonElement @case)
    {
        var tfidf = @case.GetProperty("kind").GetString() == "tfidf";
        var options = @case.GetProperty("options");
        if (options.TryGetProperty("preset", out _)) return tfidf ? TextVectorizerPresets.TfIdf : TextVectorizerPresets.Bow;
        var result = tfidf ? TextVectorizerPresets.SklearnTfIdf : TextVectorizerPresets.SklearnCount;
        NgramRange? range = null;
        var charWb = false;
        foreach (var option in options.EnumerateObject())
        {
            var v = option.Value;
            result = option.Name switch
            {
                "ngram_range" => result,
                "analyzer" => result,
                "min_df" => result with { MinDocumentFrequency = Bound(v) },
                "max_df" => result with { MaxDocumentFrequency = Bound(v) },
                "max_features" => result with { MaxFeatures = v.GetInt32() },
                "binary" => result with { Binary = v.GetBoolean() },
                "sublinear_tf" => result with { SublinearTf = v.GetBoolean() },
                "stop_words" => result with { StopWords = TextStopWords.English },
                _ => throw new InvalidOperationException($"fixture option {option.Name} is not mapped"),
            };
            if (option.Name == "ngram_range") range = new NgramRange(v[0].GetInt32(), v[1].GetInt32());
            if (option.Name == "analyzer") charWb = v.GetString() == "char_wb";
        }
        return charWb
            ? result with { WordNgrams = null, CharNgrams = range ?? new NgramRange(1, 1) }
            : result with { WordNgrams = range ?? new NgramRange(1, 1) };
    }

    private static DocumentFrequency Bound(JsonElement v) => v.TryGetInt32(out var count) ? DocumentFrequency.Documents(count) : DocumentFrequency.Proportion(v.GetDouble());
}
