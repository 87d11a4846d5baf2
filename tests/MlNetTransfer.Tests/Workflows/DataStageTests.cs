using System.Globalization;
using MlNetTransfer.Common;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>The load stage's reports and the column options' problems, as the workflows see them.</summary>
public sealed class DataStageTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Train_ReportsEveryColumnsRole_BeforeFeaturizing_AndLeavesTheLeakOut()
    {
        var csv = Path.Combine(_dir, "t.csv");
        File.WriteAllLines(csv, ["n,x,team,label", .. Enumerable.Range(1, 30).Select(i =>
            $"{i},{(i * 0.37 % 3).ToString("0.00", CultureInfo.InvariantCulture)},{(i % 2 == 0 ? "red" : "blue")},{(i % 2 == 0 ? "even" : "odd")}")]);
        var reports = new List<WorkflowProgress>();
        var result = TrainWorkflow.Run(new TrainOptions { Data = csv, Out = Path.Combine(_dir, "m.zip") }, new SynchronousProgress<WorkflowProgress>(reports.Add));

        var data = reports.FindIndex(r => r.Stage == "Data");
        Assert.True(data >= 0, string.Join("\n", reports));
        Assert.Equal("Columns of 't.csv': n: ignored, id-like (a different integer in every row); x: numeric (detected); " +
            "team: left out, a likely leak (each of its 2 values always comes with the same label: 'blue' -> odd, 'red' -> even; " +
            "to use it anyway, name the columns to use with --text-column/--numeric-column/--categorical-column); label: the label", reports[data].Detail);
        Assert.Single(reports, r => r.Stage == "Data"); // train and test split share the one note
        Assert.True(data < reports.FindIndex(r => r.Stage.StartsWith("Featurizing", StringComparison.Ordinal)), string.Join("\n", reports));
        Assert.Equal(6, result.Metrics.Examples);
    }

    [Fact]
    public void IgnoringANamedColumn_OrAQuoteSeparator_AreProblemsNamingTheOption()
    {
        var train = new TrainOptions { Data = "d.csv", Out = "m.zip", TextColumns = ["x"], IgnoreColumns = ["x"], Separator = '"' };
        Assert.Equal(["IgnoreColumns names 'x', which is also named as a column to use", "Separator cannot be a quote or a line break"],
            train.Problems().Select(p => p.ToString()));
        var featurize = new FeaturizeOptions { Data = "d.csv", Out = "f.csv", NumericColumns = ["y"], IgnoreColumns = ["y"] };
        Assert.Equal(["IgnoreColumns names 'y', which is also named as a column to use"], featurize.Problems().Select(p => p.ToString()));
    }
}
