using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetTransfer.FeatureSpace;
using MlNetTransfer.Tests.Workflows;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary>
/// A feature-space step between materialisation and the head: fitted on the in-memory training features, saved in the
/// zip between featurizer and head, and run by a plain ML.NET app exactly as in training.
/// </summary>
public sealed class FeatureSpaceStepTests
{
    private const int Rank = 8;

    [Fact]
    public void StockPcaStep_IsSavedInTheZip_AndPlainMlNetPredictsAsTheTrainingRun()
    {
        var dir = TestData.TempDir();
        try
        {
            var fitted = new List<int>();
            var pca = new StockFeatureSpaceTransform($"pca({Rank})", (ml, column) =>
                new CountingEstimator(ml.Transforms.ProjectToPrincipalComponents(column, rank: Rank, seed: 1), fitted));
            var (train, test) = TestData.CopyClasses(dir, "bag", "sandal", "trouser");
            var result = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(dir, "pca.zip"), FeatureSpace = pca });

            Assert.Equal([result.TrainExamples], fitted); // fitted once, on the in-memory training rows
            Assert.True(result.Metrics.Accuracy >= 0.8, $"accuracy {result.Metrics.Accuracy}");

            // The saved chain holds the PCA step, and the head reads 8 features, not 512.
            var ml = new MLContext(0);
            var model = ml.Model.Load(result.ModelPath, out var input);
            var chain = Assert.IsType<TransformerChain<ITransformer>>(model);
            Assert.Contains(chain, step => step is PrincipalComponentAnalysisTransformer);
            var schema = chain.GetOutputSchema(input);
            Assert.Equal(Rank, ((VectorDataViewType)schema["Features"].Type).Size);
            (model as IDisposable)?.Dispose();

            PlainMlNetProcess.AssertPredictsAsTheTrainingRun(PlainMlNetProcess.Predict(result.ModelPath, result.TestPredictions.Select(p => p.Id)), result.TestPredictions, 1e-5f);
            MetricsAssert.SameOutcome(result.Metrics, EvaluateWorkflow.Run(result.ModelPath, test));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Records how many rows each fit saw.</summary>
    private sealed class CountingEstimator(IEstimator<ITransformer> inner, List<int> fits) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            fits.Add((int)(input.GetRowCount() ?? -1));
            return inner.Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inner.GetOutputSchema(inputSchema);
    }
}
