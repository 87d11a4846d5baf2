using System.Text.Json;

namespace MlNetTransfer.Tests.ClassicalVision;

/// <summary>The scikit-image 0.19.3 reference fixtures written by Fixtures/make_classical_fixtures.py.</summary>
internal static class ClassicalFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ClassicalVision", "Fixtures");

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "classical_fixtures.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Cases(string kind) =>
        Root.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("kind").GetString() == kind);

    public static JsonElement Case(string name) =>
        Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>A row-major [rows, cols] array of a case's property.</summary>
    public static double[,] Grid(JsonElement @case, string property) => Grid(@case, Numbers(@case.GetProperty(property)));

    public static double[,] Grid(JsonElement @case, IReadOnlyList<double> values)
    {
        var rows = @case.GetProperty("rows").GetInt32();
        var cols = @case.GetProperty("cols").GetInt32();
        Assert.Equal(rows * cols, values.Count);
        var grid = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                grid[r, c] = values[r * cols + c];
        return grid;
    }

    /// <summary>Asserts |expected - actual| ≤ tolerance everywhere, naming the first index that is not.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: {actual.Count} values, expected {expected.Count}");
        var worst = Enumerable.Range(0, expected.Count).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        if (expected.Count > 0)
            Assert.True(Math.Abs(expected[worst] - actual[worst]) <= tolerance,
                $"{what}: value {worst} is {actual[worst]:R}, scikit-image gives {expected[worst]:R} (tolerance {tolerance})");
    }

    public static double[] Flat(double[,] grid) => grid.Cast<double>().ToArray();
}
