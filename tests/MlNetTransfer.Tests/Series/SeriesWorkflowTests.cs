using MlNetTransfer.Series;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Series;

/// <summary>
/// Series through the workflows on the shipped sensor windows (data/sensor-series: which of four motes recorded 160 s of
/// temperature and humidity, test windows later in the session): train, save, and predict from the zip as in training.
/// </summary>
public sealed class SeriesWorkflowTests
{
    [Fact]
    public void SensorWindows_StatsFftWavelet_FastTree_BeatTheMajorityClass_AndTheZipPredictsTheSame()
    {
        var dir = TestData.TempDir();
        try
        {
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = TestData.SensorTrain,
                Test = TestData.SensorTest,
                Label = "mote",
                SeriesColumns = ["temperature", "humidity"],
                SeriesFeaturizers = ["stats", "fft", "wavelet"],
                Trainer = MlNetTransfer.Heads.HeadRegistry.Default.Get("fasttree"),
                Out = Path.Combine(dir, "sensor.zip"),
            });
            // 180 test windows: 48 of the two outdoor motes each, the majority rate is 48/180 = 0.267; measured 0.661 (BENCHMARKS.md, "Sensor series").
            Assert.Equal(180, result.TestExamples);
            Assert.True(result.Metrics.Accuracy >= 0.5, $"accuracy {result.Metrics.Accuracy}");
            var predictions = PredictWorkflow.Many(result.ModelPath, TestData.SensorTest, Path.Combine(dir, "p.csv"), label: "mote");
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));
            for (var i = 0; i < predictions.Count; i++)
                Assert.Equal(result.TestPredictions[i].Probabilities, predictions[i].Probabilities, (a, b) => Math.Abs(a - b) <= 1e-5);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AGroupOfNumericColumns_TrainsFeaturizesAndPredictsFromAWideCsv()
    {
        // The sensor windows' first 16 temperatures as columns t00..t15 (a wide CSV: one column per time step).
        var dir = TestData.TempDir();
        try
        {
            string Wide(string source)
            {
                var lines = File.ReadAllLines(source).Skip(1).Select(l => l.Split(',')).ToList();
                var path = Path.Combine(dir, Path.GetFileName(source));
                File.WriteAllLines(path, [string.Join(",", ["mote", .. Enumerable.Range(0, 16).Select(i => $"t{i:00}")]),
                    .. lines.Select(f => string.Join(",", [f[1], .. f[2].Split(';').Take(16)]))]);
                return path;
            }
            var train = Wide(TestData.SensorTrain);
            var test = Wide(TestData.SensorTest);
            var result = TrainWorkflow.Run(new TrainOptions
            {
                Data = train, Test = test, Label = "mote", SeriesColumns = ["t*"], SeriesFeaturizers = ["stats", "wavelet:db2"],
                Out = Path.Combine(dir, "wide.zip"),
            });
            var predictions = PredictWorkflow.Many(result.ModelPath, test, Path.Combine(dir, "p.csv"), label: "mote");
            Assert.Equal(result.TestPredictions.Select(p => p.Predicted), predictions.Select(p => p.Predicted));

            var features = Path.Combine(dir, "f.csv");
            FeaturizeWorkflow.Run(new FeaturizeOptions { Data = test, Out = features, Label = "mote", SeriesColumns = ["t*"], SeriesFeaturizers = ["wavelet:db2"] });
            var header = File.ReadLines(features).First().Split(',');
            // db2 on 16 values: dwt_max_level(16, 4) = 2 levels -> a2, d2, d1.
            Assert.Equal(["path_or_row", "label", .. new[] { "a2_energy", "a2_entropy", "d2_energy", "d2_entropy", "d1_energy", "d1_entropy" }.Select(f => "t*.wavelet:db2:" + f)], header);
            var first = File.ReadLines(features).Skip(1).First().Split(',');
            var series = File.ReadLines(test).Skip(1).First().Split(',').Skip(1).Select(v => (double)float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var expected = SeriesFeatures.Compute(series, SeriesFeaturesOptions.WaveletDb4 with { Wavelet = "db2", Levels = 2 });
            Assert.Equal(expected.Select(v => (float)v), first.Skip(2).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
