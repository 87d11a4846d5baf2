using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Heads;

/// <summary>
/// The <c>mlp</c> head as stock ML.NET steps, so a saved model loads in a plain ML.NET app:
/// <list type="number">
/// <item><c>ApplyOnnxModel</c>: the trained MLP exported as ONNX (standardise, Gemm/Relu…, Softmax) -> class probabilities;</item>
/// <item><c>KMeans</c> whose k centroids are the one-hot vectors of the k classes: the nearest centroid to a probability
/// vector p is its argmax (|p - e_i|² = |p|² + 1 - 2 p_i), which gives a scalar predicted key. ML.NET has no public
/// constructor for a multiclass predictor with given weights and ONNX outputs are always vectors, so this is how a
/// stock pipeline turns probabilities into one label; the centroids are fitted on exactly the k one-hot rows and checked;</item>
/// <item><c>ConvertType</c> + <c>MapValue</c> (cluster -> label key) + <c>MapKeyToValue</c>: <c>PredictedLabel</c> as text;
/// <c>Score</c> is the probability vector.</item>
/// </list>
/// </summary>
public static class MlpHead
{
    private const string Probabilities = "mlp.probabilities";
    private const string Cluster = "mlp.cluster";

    /// <summary>
    /// Trains an MLP with <see cref="MlpTrainer.Train"/> on every row of <paramref name="data"/> (read into memory as dense
    /// [rows][features] float) and returns its stock ML.NET transformer chain (<see cref="Build"/>). Scoring adds
    /// <c>Score</c> (float[classes], the softmax probabilities in <paramref name="labels"/> order), <c>PredictedLabel</c>
    /// (text, the most probable label) and <c>PredictedLabelKey</c> (its key, whose key values are <paramref name="labels"/>).
    /// </summary>
    /// <param name="ml">The context the transforms are created in.</param>
    /// <param name="data">The training rows.</param>
    /// <param name="labels">The class names; label index i is output slot i. Every value of <paramref name="labelColumn"/> must be one of them (matched ordinally).</param>
    /// <param name="featureColumn">A known-size vector of float (Single) column; its type is also the ONNX graph's input type.</param>
    /// <param name="labelColumn">A text column holding each row's class name.</param>
    /// <param name="options">Network, optimiser and early-stopping settings.</param>
    /// <param name="progress">Told after each epoch.</param>
    /// <returns>The fitted chain: <c>ApplyOnnxModel</c> (the MLP), one-hot <c>KMeans</c> (argmax) and the label mapping steps; it saves and loads with stock ML.NET.</returns>
    /// <exception cref="UserInputException"><paramref name="options"/> are invalid (see <see cref="MlpOptions.Problems"/>), or <paramref name="data"/> has no rows.</exception>
    /// <exception cref="KeyNotFoundException">A row's label is not in <paramref name="labels"/>.</exception>
    public static ITransformer Fit(MLContext ml, IDataView data, IReadOnlyList<string> labels, string featureColumn, string labelColumn,
        MlpOptions options, IProgress<MlpEpoch>? progress = null)
    {
        var (features, targets) = Read(data, labels, featureColumn, labelColumn);
        var model = MlpTrainer.Train(features, targets, labels.Count, options, progress);
        return Build(ml, model, labels, data.Schema, featureColumn);
    }

    /// <summary>The stock ML.NET transformer chain that applies <paramref name="model"/> to <paramref name="featureColumn"/>.</summary>
    public static ITransformer Build(MLContext ml, MlpModel model, IReadOnlyList<string> labels, DataViewSchema inputSchema, string featureColumn)
    {
        var k = labels.Count;
        // The graph's input is named after the feature column and its output after the probabilities column.
        using var bytes = new MemoryStream(model.ToOnnxBytes(featureColumn, Probabilities));
        var onnx = ml.Transforms.ApplyOnnxModel(bytes).Fit(new TableDataView(0).AddVector(featureColumn, Array.Empty<float[]>(), (VectorDataViewType)inputSchema[featureColumn].Type));
        var probabilityType = (VectorDataViewType)onnx.GetOutputSchema(inputSchema)[Probabilities].Type;

        // k one-hot rows, typed exactly as the ONNX output (KMeans checks the feature type when scoring).
        var oneHot = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Select(j => i == j ? 1f : 0f).ToArray()).ToList();
        var argmax = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = Probabilities,
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
        }).Fit(new TableDataView(k).AddVector(Probabilities, oneHot, probabilityType));
        var centroids = default(VBuffer<float>[]);
        argmax.Model.GetClusterCentroids(ref centroids, out var clusters);
        var clusterOfClass = new uint[k];
        for (var c = 0; c < clusters; c++)
        {
            var values = centroids![c].DenseValues().ToArray();
            var hot = Array.FindIndex(values, v => v == 1f);
            if (hot < 0 || values.Count(v => v != 0f) != 1) throw new InvalidOperationException($"KMeans centroid {c} is not one-hot: {string.Join(",", values)}.");
            clusterOfClass[hot] = (uint)(c + 1);
        }
        if (clusterOfClass.Distinct().Count() != k) throw new InvalidOperationException("KMeans did not give each class its own centroid.");

        // Pairs in class order, so PredictedLabelKey's key values are the labels in Score order.
        var clusterToLabel = Enumerable.Range(0, k).Select(c => new KeyValuePair<uint, string>(clusterOfClass[c], labels[c])).ToArray();
        var tail = ml.Transforms.Conversion.ConvertType(Cluster, ClassificationHead.PredictedLabel, DataKind.UInt32)
            .Append(ml.Transforms.Conversion.MapValue(ClassificationHead.PredictedLabelKey, clusterToLabel, Cluster, treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel, ClassificationHead.PredictedLabelKey))
            .Append(ml.Transforms.CopyColumns(ClassificationHead.Score, Probabilities))
            .Append(ml.Transforms.DropColumns(Probabilities, Cluster));
        var scoredSchema = argmax.GetOutputSchema(onnx.GetOutputSchema(inputSchema));
        var fittedTail = tail.Fit(new EmptyView(scoredSchema));
        return new TransformerChain<ITransformer>(onnx, argmax, fittedTail);
    }

    private static (float[][] Features, int[] Labels) Read(IDataView data, IReadOnlyList<string> labels, string featureColumn, string labelColumn)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var features = data.GetColumn<VBuffer<float>>(featureColumn).Select(v => v.DenseValues().ToArray()).ToArray();
        var targets = data.GetColumn<ReadOnlyMemory<char>>(labelColumn).Select(l => index[l.ToString()]).ToArray();
        return (features, targets);
    }

    /// <summary>A view with a schema and no rows, to fit transforms that learn nothing from data.</summary>
    private sealed class EmptyView(DataViewSchema schema) : IDataView
    {
        public DataViewSchema Schema => schema;
        public bool CanShuffle => false;
        public long? GetRowCount() => 0;
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
            throw new NotSupportedException("an empty view is only for fitting stateless transforms");
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
            throw new NotSupportedException("an empty view is only for fitting stateless transforms");
    }
}
