using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Heads;

/// <summary>
/// The <c>mlp</c> head as stock ML.NET steps, so a saved model loads in a plain ML.NET app:
/// <list type="number">
/// <item><c>ApplyOnnxModel</c>: the trained MLP exported as ONNX (standardise, Gemm/Relu…, Softmax) -> class probabilities,
/// then <c>Expression</c> (<c>x => x</c>) to make ONNX's <c>[1, k]</c> output a flat vector of k floats;</item>
/// <item><c>KMeans</c> whose k centroids are the one-hot vectors of the k classes: the nearest centroid to a probability
/// vector p is its argmax (|p - e_i|² = |p|² + 1 - 2 p_i), which gives a scalar predicted key. ML.NET has no public
/// constructor for a multiclass predictor with given weights and ONNX outputs are always vectors, so this is how a
/// stock pipeline turns probabilities into one label; the centroids are fitted on exactly the k one-hot rows and checked;</item>
/// <item><c>ConvertType</c> + <c>MapValue</c> (cluster -> class): with a text label (<see cref="Fit"/>, <see cref="Build"/>)
/// <c>PredictedLabelKey</c> and, through <c>MapKeyToValue</c>, <c>PredictedLabel</c> as text; with a key label
/// (<see cref="MlpEstimator"/>) <c>PredictedLabel</c> as a key of the label's key type, as ML.NET's multiclass trainers give it.
/// <c>Score</c> is the probability vector.</item>
/// </list>
/// </summary>
public static class MlpHead
{
    private const string Probabilities = "mlp.probabilities";
    private const string Cluster = "mlp.cluster";
    private const string KeyValuesKind = "KeyValues";

    /// <summary>
    /// Trains an MLP with <see cref="MlpTrainer.Train"/> on every row of <paramref name="data"/> (read into memory as dense
    /// [rows][features] float) and returns its stock ML.NET transformer chain (<see cref="Build"/>). Scoring adds
    /// <c>Score</c> (float[classes], a flat vector of the softmax probabilities in <paramref name="labels"/> order),
    /// <c>PredictedLabel</c> (text, the most probable label) and <c>PredictedLabelKey</c> (its key, whose key values are
    /// <paramref name="labels"/>): the output contract of <see cref="ClassificationHead"/>.
    /// </summary>
    /// <param name="ml">The context the transforms are created in.</param>
    /// <param name="data">The training rows.</param>
    /// <param name="labels">The class names; label index i is output slot i. Every value of <paramref name="labelColumn"/> must be one of them (matched ordinally).</param>
    /// <param name="featureColumn">A known-size vector of float (Single) column; its type is also the ONNX graph's input type.</param>
    /// <param name="labelColumn">A text column holding each row's class name.</param>
    /// <param name="options">Network, optimiser and early-stopping settings.</param>
    /// <param name="progress">Told after each epoch.</param>
    /// <param name="cancellation">Checked at the start of each epoch.</param>
    /// <returns>The fitted chain: <c>ApplyOnnxModel</c> (the MLP), one-hot <c>KMeans</c> (argmax) and the label mapping steps; it saves and loads with stock ML.NET.</returns>
    /// <exception cref="UserInputException"><paramref name="options"/> are invalid (see <see cref="MlpOptions.Problems"/>), or <paramref name="data"/> has no rows.</exception>
    /// <exception cref="KeyNotFoundException">A row's label is not in <paramref name="labels"/>.</exception>
    public static ITransformer Fit(MLContext ml, IDataView data, IReadOnlyList<string> labels, string featureColumn, string labelColumn,
        MlpOptions options, IProgress<MlpEpoch>? progress = null, CancellationToken cancellation = default)
    {
        var (features, targets) = Read(data, labels, featureColumn, labelColumn);
        var model = MlpTrainer.Train(features, targets, labels.Count, options, progress, cancellation);
        return Build(ml, model, labels, data.Schema, featureColumn);
    }

    /// <summary>
    /// The stock ML.NET transformer chain that applies <paramref name="model"/> to <paramref name="featureColumn"/>, with
    /// the text-label outputs of <see cref="Fit"/> (<c>Score</c>, <c>PredictedLabel</c> text, <c>PredictedLabelKey</c>).
    /// </summary>
    public static ITransformer Build(MLContext ml, MlpModel model, IReadOnlyList<string> labels, DataViewSchema inputSchema, string featureColumn)
    {
        var argmax = Argmax(ml, model, labels.Count, inputSchema, featureColumn);
        // Pairs in class order, so PredictedLabelKey's key values are the labels in Score order.
        var clusterToLabel = Enumerable.Range(0, labels.Count).Select(c => new KeyValuePair<uint, string>(argmax.ClusterOfClass[c], labels[c])).ToArray();
        var tail = ml.Transforms.Conversion.ConvertType(Cluster, ClassificationHead.PredictedLabel, DataKind.UInt32)
            .Append(ml.Transforms.Conversion.MapValue(ClassificationHead.PredictedLabelKey, clusterToLabel, Cluster, treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(ClassificationHead.PredictedLabel, ClassificationHead.PredictedLabelKey))
            .Append(ml.Transforms.CopyColumns(ClassificationHead.Score, Probabilities))
            .Append(ml.Transforms.DropColumns(Probabilities, Cluster));
        return argmax.Chain(tail.Fit(new EmptyView(argmax.ScoredSchema)));
    }

    /// <summary>
    /// Trains an MLP on the rows of <paramref name="data"/> whose key label is not missing (key value 0), class i being key
    /// value i + 1, and returns the chain of <see cref="BuildKeyed"/>.
    /// </summary>
    internal static ITransformer FitKeyed(MLContext ml, IDataView data, string featureColumn, string labelColumn, MlpOptions options,
        IProgress<MlpEpoch>? progress = null)
    {
        var label = data.Schema[labelColumn];
        var classes = ClassCount((KeyDataViewType)label.Type, labelColumn);
        var (features, targets) = ReadKeyed(data, featureColumn, label);
        var model = MlpTrainer.Train(features, targets, classes, options, progress);
        return BuildKeyed(ml, model, label, data.Schema, featureColumn);
    }

    /// <summary>
    /// The chain that applies <paramref name="model"/> (trained on class i = key value i + 1 of <paramref name="label"/>)
    /// with the outputs of an ML.NET multiclass trainer: <c>Score</c> (a flat vector of one probability per key value, in
    /// key order) and <c>PredictedLabel</c>, a key of <paramref name="label"/>'s key type carrying its key values, so
    /// <c>MapKeyToValue</c> gives the label's value.
    /// </summary>
    internal static ITransformer BuildKeyed(MLContext ml, MlpModel model, DataViewSchema.Column label, DataViewSchema inputSchema, string featureColumn)
    {
        var keyType = (KeyDataViewType)label.Type;
        var classes = ClassCount(keyType, label.Name);
        var argmax = Argmax(ml, model, classes, inputSchema, featureColumn);
        var keyValues = new DataViewSchema.Annotations.Builder();
        keyValues.Add(label.Annotations, kind => kind == KeyValuesKind);
        var lookup = new ClassKeyView(argmax.ClusterOfClass, keyType, keyValues.ToAnnotations());
        var tail = ml.Transforms.Conversion.ConvertType(Cluster, ClassificationHead.PredictedLabel, DataKind.UInt32)
            .Append(ml.Transforms.Conversion.MapValue(ClassificationHead.PredictedLabel, lookup,
                lookup.Schema[ClassKeyView.ClusterColumn], lookup.Schema[ClassKeyView.KeyColumn], Cluster))
            .Append(ml.Transforms.CopyColumns(ClassificationHead.Score, Probabilities))
            .Append(ml.Transforms.DropColumns(Probabilities, Cluster));
        return argmax.Chain(tail.Fit(new EmptyView(argmax.ScoredSchema)));
    }

    private static int ClassCount(KeyDataViewType keyType, string labelColumn) =>
        keyType.Count is >= 2 and <= 1_000_000 ? (int)keyType.Count
            : throw new ArgumentOutOfRangeException(nameof(labelColumn), $"Label column '{labelColumn}' is a key of {keyType.Count} values; the MLP needs 2 to 1,000,000 classes.");

    /// <summary>The MLP, the flattening step and the one-hot KMeans; <see cref="ClusterOfClass"/>[i] is class i's cluster (1-based).</summary>
    private sealed record ArgmaxSteps(ITransformer Onnx, ITransformer Flatten, ITransformer KMeans, uint[] ClusterOfClass, DataViewSchema ScoredSchema)
    {
        public ITransformer Chain(ITransformer tail) => new TransformerChain<ITransformer>(Onnx, Flatten, KMeans, tail);
    }

    private static ArgmaxSteps Argmax(MLContext ml, MlpModel model, int k, DataViewSchema inputSchema, string featureColumn)
    {
        // The graph's input is named after the feature column and its output after the probabilities column.
        using var bytes = new MemoryStream(model.ToOnnxBytes(featureColumn, Probabilities));
        var onnx = ml.Transforms.ApplyOnnxModel(bytes).Fit(new TableDataView(0).AddVector(featureColumn, Array.Empty<float[]>(), (VectorDataViewType)inputSchema[featureColumn].Type));
        // ONNX's [batch, k] output is read per row as Vector<Single, 1, k>; Expression's output is a flat Vector<Single, k>.
        var flatten = ml.Transforms.Expression(Probabilities, "x => x", Probabilities).Fit(new EmptyView(onnx.GetOutputSchema(inputSchema)));
        var flatSchema = flatten.GetOutputSchema(onnx.GetOutputSchema(inputSchema));
        var probabilityType = (VectorDataViewType)flatSchema[Probabilities].Type;

        // k one-hot rows, typed exactly as the probabilities (KMeans checks the feature type when scoring).
        var oneHot = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Select(j => i == j ? 1f : 0f).ToArray()).ToList();
        var kmeans = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = Probabilities,
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
        }).Fit(new TableDataView(k).AddVector(Probabilities, oneHot, probabilityType));
        var centroids = default(VBuffer<float>[]);
        kmeans.Model.GetClusterCentroids(ref centroids, out var clusters);
        var clusterOfClass = new uint[k];
        for (var c = 0; c < clusters; c++)
        {
            var values = centroids![c].DenseValues().ToArray();
            var hot = Array.FindIndex(values, v => v == 1f);
            if (hot < 0 || values.Count(v => v != 0f) != 1) throw new InvalidOperationException($"KMeans centroid {c} is not one-hot: {string.Join(",", values)}.");
            clusterOfClass[hot] = (uint)(c + 1);
        }
        if (clusterOfClass.Distinct().Count() != k) throw new InvalidOperationException("KMeans did not give each class its own centroid.");
        return new ArgmaxSteps(onnx, flatten, kmeans, clusterOfClass, kmeans.GetOutputSchema(flatSchema));
    }

    private static (float[][] Features, int[] Labels) Read(IDataView data, IReadOnlyList<string> labels, string featureColumn, string labelColumn)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var features = data.GetColumn<VBuffer<float>>(featureColumn).Select(v => v.DenseValues().ToArray()).ToArray();
        var targets = data.GetColumn<ReadOnlyMemory<char>>(labelColumn).Select(l => index[l.ToString()]).ToArray();
        return (features, targets);
    }

    /// <summary>The rows with a label (key value 0, missing, is skipped as ML.NET's trainers do); class = key value - 1.</summary>
    private static (float[][] Features, int[] Labels) ReadKeyed(IDataView data, string featureColumn, DataViewSchema.Column label)
    {
        var features = new List<float[]>();
        var targets = new List<int>();
        var feature = data.Schema[featureColumn];
        using var cursor = data.GetRowCursor([feature, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(feature);
        var getKey = KeyGetter(cursor, label);
        var row = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            var key = getKey();
            if (key == 0) continue;
            getFeatures(ref row);
            features.Add(row.DenseValues().ToArray());
            targets.Add((int)(key - 1));
        }
        return (features.ToArray(), targets.ToArray());
    }

    private static Func<ulong> KeyGetter(DataViewRow row, DataViewSchema.Column label)
    {
        var raw = label.Type.RawType;
        if (raw == typeof(byte)) return Getter<byte>(row, label, v => v);
        if (raw == typeof(ushort)) return Getter<ushort>(row, label, v => v);
        if (raw == typeof(uint)) return Getter<uint>(row, label, v => v);
        return Getter<ulong>(row, label, v => v);
    }

    private static Func<ulong> Getter<T>(DataViewRow row, DataViewSchema.Column column, Func<T, ulong> widen)
    {
        var get = row.GetGetter<T>(column);
        var value = default(T)!;
        return () =>
        {
            get(ref value);
            return widen(value);
        };
    }

    /// <summary>
    /// The lookup of the key mapping: one row per class, the class's KMeans cluster (<see cref="ClusterColumn"/>, UInt32)
    /// and its label key (<see cref="KeyColumn"/>: key value class + 1, typed as the label with its key values). ML.NET's
    /// <c>MapValue</c> gives its output the lookup value column's type and annotations, and saves them with the model.
    /// </summary>
    private sealed class ClassKeyView : IDataView
    {
        public const string ClusterColumn = "cluster";
        public const string KeyColumn = "key";
        private readonly uint[] _clusters;
        private readonly object[] _keys;

        public ClassKeyView(uint[] clusterOfClass, KeyDataViewType keyType, DataViewSchema.Annotations keyAnnotations)
        {
            _clusters = clusterOfClass;
            _keys = Enumerable.Range(1, clusterOfClass.Length).Select(i => Convert.ChangeType((ulong)i, keyType.RawType, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var schema = new DataViewSchema.Builder();
            schema.AddColumn(ClusterColumn, NumberDataViewType.UInt32);
            schema.AddColumn(KeyColumn, keyType, keyAnnotations);
            Schema = schema.ToSchema();
        }

        public DataViewSchema Schema { get; }
        public bool CanShuffle => false;
        public long? GetRowCount() => _clusters.Length;
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

        private sealed class Cursor(ClassKeyView view) : DataViewRowCursor
        {
            private long _position = -1;
            public override DataViewSchema Schema => view.Schema;
            public override long Position => _position;
            public override long Batch => 0;
            public override bool MoveNext() => ++_position < view._clusters.Length;
            public override bool IsColumnActive(DataViewSchema.Column column) => true;
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);
            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => column.Index == 0
                ? (ref TValue value) => value = (TValue)(object)view._clusters[_position]
                : (ref TValue value) => value = (TValue)view._keys[_position];
        }
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
