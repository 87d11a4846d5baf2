using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Tests.Text;

/// <summary>Small helpers: documents in, dense rows and slot names out.</summary>
internal static class TextData
{
    public sealed class Row
    {
        public string? Text { get; set; }

        public string Label { get; set; } = "";
    }

    public static IDataView View(MLContext ml, IEnumerable<string?> documents) =>
        ml.Data.LoadFromEnumerable(documents.Select(d => new Row { Text = d }).ToList());

    public static VBuffer<float>[] Vectors(IDataView view, string column = "Features") =>
        view.GetColumn<VBuffer<float>>(column).Select(v => { var copy = default(VBuffer<float>); v.CopyTo(ref copy); return copy; }).ToArray();

    public static float[][] Dense(IDataView view, string column = "Features") =>
        Vectors(view, column).Select(v => v.DenseValues().ToArray()).ToArray();

    public static string[] SlotNames(IDataView view, string column = "Features")
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        view.Schema[column].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    public static void AssertClose(double[][] expected, float[][] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var r = 0; r < expected.Length; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (var c = 0; c < expected[r].Length; c++)
                if (Math.Abs(expected[r][c] - actual[r][c]) > tolerance)
                    Assert.Fail($"{what}: row {r}, slot {c}: expected {expected[r][c]:R}, got {actual[r][c]:R}");
        }
    }
}
