using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

/// <summary>
/// The regression heads on real data — Seattle's daily maximum temperature from the day's minimum, precipitation and
/// wind (1,461 days, NOAA via vega-datasets; the first 1,100 days train, the rest test) — and the contract check.
/// </summary>
public sealed class RegressionHeadTests
{
    private static (IDataView Train, IDataView Test) Weather(MLContext ml)
    {
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true, Separators = [','],
            Columns =
            [
                new TextLoader.Column("precipitation", DataKind.Single, 1),
                new TextLoader.Column("Label", DataKind.Single, 2),
                new TextLoader.Column("temp_min", DataKind.Single, 3),
                new TextLoader.Column("wind", DataKind.Single, 4),
            ],
        });
        var all = ml.Transforms.Concatenate("Features", "precipitation", "temp_min", "wind").Fit(loader.Load(TestData.SeattleWeather)).Transform(loader.Load(TestData.SeattleWeather));
        var cached = ml.Data.Cache(all);
        return (ml.Data.TakeRows(cached, 1100), ml.Data.SkipRows(cached, 1100));
    }

    [Theory]
    [InlineData("linear", 0.70)]
    [InlineData("fasttree", 0.70)]
    public void EachHead_PredictsSeattlesMaximumTemperature(string name, double minR2)
    {
        var ml = new MLContext(0);
        var (train, test) = Weather(ml);
        var head = RegressionHead.Fit(ml, train, name, new RegressionHeadContext { Seed = 0 });
        var scored = head.Transform(test);
        Assert.Equal(NumberDataViewType.Single, scored.Schema[RegressionHead.Score].Type);
        var metrics = ml.Regression.Evaluate(scored);
        Assert.True(metrics.RSquared >= minR2, $"{name}: R² {metrics.RSquared:F3} < {minR2}");
        // The same R² by hand, from the Score column: the head's Score is the prediction in °C.
        var y = test.GetColumn<float>("Label").Select(v => (double)v).ToArray();
        var p = scored.GetColumn<float>(RegressionHead.Score).Select(v => (double)v).ToArray();
        var mean = y.Average();
        var r2 = 1 - y.Zip(p, (a, b) => (a - b) * (a - b)).Sum() / y.Sum(a => (a - mean) * (a - mean));
        Assert.Equal(metrics.RSquared, r2, 1e-4);
    }

    [Fact]
    public void AHeadThatReadsTheLabelAtPredictionTime_BreaksTheContract()
    {
        var ml = new MLContext(0);
        var (train, _) = Weather(ml);
        var e = Assert.Throws<InvalidOperationException>(() => RegressionHead.Fit(ml, train, new LabelReadingHead(), new RegressionHeadContext()));
        Assert.Contains("reads the label column 'Label'", e.Message);
    }

    [Fact]
    public void AHeadWithAVectorScore_BreaksTheContract()
    {
        var ml = new MLContext(0);
        var (train, _) = Weather(ml);
        var e = Assert.Throws<InvalidOperationException>(() => RegressionHead.Fit(ml, train, new VectorScoreHead(), new RegressionHeadContext()));
        Assert.Contains("'Score' must be a float scalar", e.Message);
    }

    [Fact]
    public void AConstantLabel_IsAUserError()
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Row { Features = [i, 1], Label = 3 }));
        var e = Assert.Throws<UserInputException>(() => RegressionHead.Fit(ml, data, "linear", new RegressionHeadContext()));
        Assert.Contains("Every training label is 3", e.Message);
    }

    [Fact]
    public void UnknownNames_ListTheKnownOnes()
    {
        var e = Assert.Throws<UserInputException>(() => RegressionHeadRegistry.Default.Get("ols"));
        Assert.Contains("linear", e.Message);
        Assert.Contains("fasttree", e.Message);
        Assert.Null(RegressionHeadRegistry.Default.Problem(" Linear "));
    }

    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class LabelReadingHead : IRegressionHeadTrainer
    {
        public string Name => "reads-label";
        public string Description => "copies the label";
        public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context) =>
            ml.Transforms.CopyColumns(RegressionHead.Score, context.LabelColumn).Fit(data);
    }

    private sealed class VectorScoreHead : IRegressionHeadTrainer
    {
        public string Name => "vector-score";
        public string Description => "copies the features";
        public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context) =>
            ml.Transforms.CopyColumns(RegressionHead.Score, context.FeatureColumn).Fit(data);
    }
}
