using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Tests.Engine;

/// <summary>A failure reading the data is a user error naming the row; a bug in our own row callback is not.</summary>
public sealed class RowScanTests
{
    private static readonly string[] Ids = ["a", "b", "c"];

    private static IDataView Numbers() => new TableDataView(Ids.Length).AddText("Id", Ids);

    [Fact]
    public void NullReferenceInTheCallback_PropagatesUnchanged()
    {
        string? missing = null;
        var e = Assert.Throws<NullReferenceException>(() => RowScan.ForEach(Numbers(), Ids, ["Id"], "Scanning",
            (_, i) => { if (i == 1) GC.KeepAlive(missing!.Length); }, progress: null, CancellationToken.None));
        Assert.IsNotType<UserInputException>(e);
    }

    [Fact]
    public void ProgrammingErrorsInTheCallback_PropagateUnchanged_EvenWithADiagnoseThatFindsNothing()
    {
        Assert.Throws<IndexOutOfRangeException>(() => RowScan.ForEach(Numbers(), Ids, ["Id"], "Scanning",
            (_, i) => { int[] one = [0]; GC.KeepAlive(one[i + 1]); }, progress: null, CancellationToken.None, diagnose: _ => null));
        Assert.Throws<InvalidCastException>(() => RowScan.ForEach(Numbers(), Ids, ["Id"], "Scanning",
            (_, _) => GC.KeepAlive((string)(object)1), progress: null, CancellationToken.None));
        Assert.Throws<ArgumentNullException>(() => RowScan.ForEach(Numbers(), Ids, ["Id"], "Scanning",
            (_, _) => ArgumentNullException.ThrowIfNull((object?)null, "x"), progress: null, CancellationToken.None));
    }

    [Fact]
    public void AFailureReadingTheData_IsAUserErrorNamingTheRow()
    {
        var dir = TestData.TempDir();
        try
        {
            var good = TestData.Images(TestData.FashionTest, perClass: 1)[0].Path;
            var corrupt = Path.Combine(dir, "broken.png");
            File.WriteAllBytes(corrupt, new byte[300]);
            string[] ids = ["good", "broken"];
            var ml = new MLContext(0);
            var view = ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: "Path")
                .Fit(new TableDataView(2).AddText("Path", [good, corrupt]))
                .Transform(new TableDataView(2).AddText("Path", [good, corrupt]));
            ValueGetter<MLImage>? getter = null;
            MLImage image = null!;

            var e = Assert.Throws<UserInputException>(() => RowScan.ForEach(view, ids, ["Image"], "Loading images", (row, _) =>
            {
                getter ??= row.GetGetter<MLImage>(row.Schema["Image"]);
                getter(ref image);
            }, progress: null, CancellationToken.None));
            Assert.StartsWith("Loading images failed at or after 'broken': ", e.Message);
            Assert.NotNull(e.InnerException);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AFailureTheDiagnoseAttributesToAnInput_IsAUserErrorInItsWords()
    {
        var e = Assert.Throws<UserInputException>(() => RowScan.ForEach(Numbers(), Ids, ["Id"], "Scanning",
            (_, i) => { if (i == 2) throw new NullReferenceException(); }, progress: null, CancellationToken.None,
            diagnose: from => $"image of row '{Ids[from]}' is truncated"));
        Assert.Equal("Image of row 'c' is truncated.", e.Message);
    }
}
