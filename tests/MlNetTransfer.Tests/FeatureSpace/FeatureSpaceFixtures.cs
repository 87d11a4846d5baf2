using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary>
/// The data and scikit-learn 1.2.1 reference values written by Fixtures/make_pca_tsne_fixtures.py: digits (1,797 x 64)
/// and iris (150 x 4) as float rows, PCA cases, a trustworthiness case, t-SNE trustworthiness of scikit-learn's embeddings.
/// </summary>
internal static class FeatureSpaceFixtures
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "FeatureSpace", "Fixtures");

    private static readonly Lazy<(float[][] Rows, int[] Labels)> DigitsData = new(() =>
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Dir, "digits.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return Parse(reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    });

    private static readonly Lazy<(float[][] Rows, int[] Labels)> IrisData = new(() =>
        Parse(File.ReadAllLines(Path.Combine(Dir, "iris.csv")).Skip(1).Where(l => l.Length > 0).ToArray()));

    /// <summary>The 1,797 digits: 64 pixel values (0-16) per row, and the digit.</summary>
    public static (float[][] Rows, int[] Labels) Digits => DigitsData.Value;

    /// <summary>The 150 iris flowers: 4 measurements per row, and the species (0-2).</summary>
    public static (float[][] Rows, int[] Labels) Iris => IrisData.Value;

    public static float[][] Rows(string data) => data switch
    {
        "digits" => Digits.Rows,
        "iris" => Iris.Rows,
        _ => throw new ArgumentException(data),
    };

    public static JsonElement Pca(string name) =>
        Json("pca_fixtures.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static JsonElement TrustworthinessCase => Json("trustworthiness_fixture.json");

    public static JsonElement Tsne(string method) =>
        Json("tsne_fixtures.json").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("method").GetString() == method);

    public static double[] Vector(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Matrix(JsonElement e) => e.EnumerateArray().Select(Vector).ToArray();

    /// <summary>A matrix of float32 values written as float64 repr: read back exactly.</summary>
    public static float[][] FloatMatrix(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();

    private static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, file))).RootElement;

    private static (float[][] Rows, int[] Labels) Parse(string[] lines)
    {
        var values = lines.Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (values.Select(v => v[..^1].Select(x => (float)x).ToArray()).ToArray(), values.Select(v => (int)v[^1]).ToArray());
    }
}
