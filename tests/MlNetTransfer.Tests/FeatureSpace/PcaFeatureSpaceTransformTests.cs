using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Tests.Workflows;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary>
/// Exact PCA as a feature-space step: its saved steps (a generated ONNX graph run by ApplyOnnxModel) give scikit-learn's
/// transform after a save and reload, and in a plain ML.NET process; in a training run it is saved between featurizer and
/// head, reported (console summary, metrics JSON), and the zip predicts in a plain ML.NET app as in training.
/// </summary>
public sealed class PcaFeatureSpaceTransformTests
{
    [Fact]
    public void Saved_step_reloads_and_gives_scikit_learns_transform_also_in_a_plain_MLNet_process()
    {
        var expected = FeatureSpaceFixtures.Pca("digits-f0.9");
        var rows = FeatureSpaceFixtures.Digits.Rows;
        var type = new VectorDataViewType(NumberDataViewType.Single, 64);
        var ml = new MLContext(0);
        var view = new TableDataView(rows.Length).AddVector("Features", rows, type).AddText("Label", rows.Select(_ => "x").ToList());
        var step = new PcaFeatureSpaceTransform(PcaOptions.Fraction(0.9));

        var fitted = step.FitWithReport(ml, view, "Features");

        Assert.Equal("pca(0.9)", step.Name);
        Assert.Equal(21, step.Model!.ComponentCount);
        var report = fitted.Report!;
        Assert.Equal("pca", report.Key);
        Assert.Equal([new("components", 21.0), new("explainedVarianceRatio", step.Model.ExplainedVarianceRatioSum)], report.Values);
        Assert.Contains("kept 21 of 64 components, explaining 90.3% of the variance", report.Summary);

        var dir = TestData.TempDir();
        try
        {
            var zip = Path.Combine(dir, "pca.zip");
            var input = new TableDataView(0).AddVector("Features", Array.Empty<float[]>(), type);
            ml.Model.Save(fitted.Transformer, input.Schema, zip);
            var transform = FeatureSpaceFixtures.Matrix(expected.GetProperty("transform"));
            var firstRows = rows.Take(transform.Length).ToList();

            var loaded = ml.Model.Load(zip, out _);
            var outSchema = loaded.GetOutputSchema(input.Schema);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 21), outSchema["Features"].Type);
            Assert.Null(outSchema.GetColumnOrNull(PcaFeatureSpaceTransform.ProjectionColumn));
            var reloaded = loaded.Transform(new TableDataView(firstRows.Count).AddVector("Features", firstRows, type))
                .GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToList();
            (loaded as IDisposable)?.Dispose();
            var plain = PlainMlNetProcess.TransformRows(zip, firstRows, "Features");

            for (var r = 0; r < transform.Length; r++)
                for (var c = 0; c < 21; c++)
                {
                    Assert.True(Math.Abs(transform[r][c] - reloaded[r][c]) <= 1e-4, $"reloaded row {r} component {c}: {reloaded[r][c]} vs {transform[r][c]}");
                    Assert.True(Math.Abs(transform[r][c] - plain[r][c]) <= 1e-4, $"plain ML.NET row {r} component {c}: {plain[r][c]} vs {transform[r][c]}");
                }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Training_with_pca_saves_it_reports_it_and_a_plain_MLNet_app_predicts_as_training()
    {
        var dir = TestData.TempDir();
        try
        {
            // 600 digits as a numeric CSV: 64 pixel columns and the digit as label.
            var (rows, labels) = FeatureSpaceFixtures.Digits;
            var csv = Path.Combine(dir, "digits.csv");
            File.WriteAllLines(csv, [string.Join(",", Enumerable.Range(0, 64).Select(i => $"p{i}").Append("label")),
                .. rows.Take(600).Select((r, i) => string.Join(",", r.Select(v => v.ToString(CultureInfo.InvariantCulture)).Append($"d{labels[i]}")))]);
            var metricsPath = Path.Combine(dir, "metrics.json");
            var options = new TrainOptions
            {
                Data = csv,
                Out = Path.Combine(dir, "pca.zip"),
                FeatureSpace = new PcaFeatureSpaceTransform(PcaOptions.Fraction(0.8)),
                MetricsJson = metricsPath,
            };
            var messages = new List<WorkflowProgress>();
            var result = TrainWorkflow.Run(options, new SynchronousProgress<WorkflowProgress>(messages.Add));

            Assert.True(result.Metrics.Accuracy >= 0.85, $"accuracy {result.Metrics.Accuracy}");
            var report = result.FeatureSpace!;
            var k = (int)report.Values.Single(v => v.Key == "components").Value;
            var ratio = report.Values.Single(v => v.Key == "explainedVarianceRatio").Value;
            Assert.InRange(k, 2, 63);
            Assert.InRange(ratio, 0.8, 1.0);
            Assert.Contains(messages, m => m.Detail == report.Summary);
            using (var metrics = JsonDocument.Parse(File.ReadAllText(metricsPath)))
            {
                var pca = metrics.RootElement.GetProperty("pca");
                Assert.Equal(k, pca.GetProperty("components").GetInt32());
                Assert.Equal(ratio, pca.GetProperty("explainedVarianceRatio").GetDouble(), 12);
                Assert.Equal(result.Metrics.Accuracy, metrics.RootElement.GetProperty("accuracy").GetDouble(), 12);
            }

            var ml = new MLContext(0);
            var model = ml.Model.Load(result.ModelPath, out var input);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, k), ((TransformerChain<ITransformer>)model).GetOutputSchema(input)["Features"].Type);
            (model as IDisposable)?.Dispose();

            // The held-out rows again, by their row number in the CSV: the plain app predicts every row of it.
            PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.PredictCsv(result.ModelPath, csv), result.TestPredictions, 1e-5f);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
