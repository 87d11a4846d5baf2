using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Heads;

/// <summary>
/// The regression MLP as stock ML.NET steps, so a saved model loads in a plain ML.NET app:
/// <list type="number">
/// <item><c>ApplyOnnxModel</c>: the trained MLP exported as ONNX (standardise, Gemm/Relu…, Gemm, Mul std, Add mean)
/// -> the prediction in the label's units, as a vector of one slot (ML.NET's ONNX step types every tensor output as a
/// vector; its scalar path, an output declared without dimensions, fails in ML.NET 5.0.1: see <see cref="Build"/>);</item>
/// <item>an <c>OnlineGradientDescent</c> linear regression model whose weight is exactly 1 and bias exactly 0, on that
/// one-slot vector: <c>Score = 0 + 1 · x</c>, which is x itself in float arithmetic (only −0 becomes +0), a float
/// scalar as ML.NET's own regression trainers give. It is built by <see cref="ExactLinearModel"/>: rows (1 -> 1) then
/// (0 -> 0), with step 0.5, no averaging, no L2 and no shuffling; the first update sets weight and bias to 1, the second
/// takes the bias back to 0 — every number a power of two, so exact. The weight and bias are checked after training;</item>
/// <item><c>DropColumns</c>: the one-slot vector.</item>
/// </list>
/// </summary>
public static class MlpRegressionHead
{
    private const string Prediction = "mlp.prediction";

    /// <summary>
    /// Trains a regression MLP with <see cref="MlpTrainer.TrainRegression"/> on every row of <paramref name="data"/> (read
    /// into memory as dense [rows][features] float) and returns its stock ML.NET transformer chain (<see cref="Build"/>).
    /// Scoring adds <c>Score</c>: a float, the prediction in the label's units.
    /// </summary>
    /// <param name="ml">The context the transforms are created in.</param>
    /// <param name="data">The training rows.</param>
    /// <param name="featureColumn">A known-size vector of float (Single) column; its type is also the ONNX graph's input type.</param>
    /// <param name="labelColumn">A float (Single) column of finite numbers.</param>
    /// <param name="options">Network, optimiser and early-stopping settings.</param>
    /// <param name="progress">Told after each epoch.</param>
    /// <param name="cancellation">Checked at the start of each epoch.</param>
    /// <returns>The fitted chain: <c>ApplyOnnxModel</c> (the MLP), the exact identity linear model and a <c>DropColumns</c>; it saves and loads with stock ML.NET.</returns>
    /// <exception cref="UserInputException"><paramref name="options"/> are invalid (see <see cref="MlpOptions.Problems"/>), or <paramref name="data"/> has no rows.</exception>
    /// <exception cref="ArgumentException">A label is not a finite number.</exception>
    public static ITransformer Fit(MLContext ml, IDataView data, string featureColumn, string labelColumn, MlpOptions options,
        IProgress<MlpEpoch>? progress = null, CancellationToken cancellation = default)
    {
        var features = data.GetColumn<VBuffer<float>>(featureColumn).Select(v => v.DenseValues().ToArray()).ToArray();
        var targets = data.GetColumn<float>(labelColumn).ToArray();
        var model = MlpTrainer.TrainRegression(features, targets, options, progress, cancellation);
        return Build(ml, model, data.Schema, featureColumn);
    }

    /// <summary>
    /// The stock ML.NET transformer chain that applies the regression <paramref name="model"/> to <paramref name="featureColumn"/>
    /// and writes <c>Score</c>, a float scalar equal to the ONNX graph's output. Why a linear model: ML.NET 5.0.1 has no
    /// stock transform that takes a slot of a vector as a scalar (<c>Expression</c> maps a vector input slot by slot to a
    /// vector; type conversions and copies keep the vector), no public constructor for a regression predictor with given
    /// weights, and its ONNX step reads an output declared without dimensions as a scalar type but then fails to fetch it
    /// (the getter casts the ONNX tensor object to float). A trained linear model whose weight is exactly 1 and bias
    /// exactly 0 is the exact, checkable route.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="model"/> is a classifier.</exception>
    public static ITransformer Build(MLContext ml, MlpModel model, DataViewSchema inputSchema, string featureColumn)
    {
        if (!model.IsRegression) throw new ArgumentException("The MLP is a classifier; MlpHead builds its steps.", nameof(model));
        // The graph's input is named after the feature column and its output after the prediction column.
        using var bytes = new MemoryStream(model.ToOnnxBytes(featureColumn, Prediction));
        var onnx = ml.Transforms.ApplyOnnxModel(bytes).Fit(new TableDataView(0).AddVector(featureColumn, Array.Empty<float[]>(), (VectorDataViewType)inputSchema[featureColumn].Type));
        var predictionType = (VectorDataViewType)onnx.GetOutputSchema(inputSchema)[Prediction].Type;
        var identity = Identity(ml, Prediction, predictionType);
        var drop = ml.Transforms.DropColumns(Prediction).Fit(new TableDataView(0).AddVector(Prediction, Array.Empty<float[]>(), predictionType));
        return new TransformerChain<ITransformer>(onnx, identity, drop);
    }

    /// <summary>
    /// A stock ML.NET regression model on <paramref name="column"/> (a one-slot float vector typed <paramref name="type"/>)
    /// whose <c>Score</c> is the slot's value: a linear model with weight exactly 1 and bias exactly 0 (checked, with a
    /// probe of awkward values scored bit for bit), so <c>Score = 0 + 1 · x = x</c> (−0 gives +0).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a float vector of one slot.</exception>
    /// <exception cref="InvalidOperationException">ML.NET's trainer did not give the identity (it would be a change in ML.NET).</exception>
    internal static RegressionPredictionTransformer<LinearRegressionModelParameters> Identity(MLContext ml, string column, VectorDataViewType type)
    {
        if (type.ItemType != NumberDataViewType.Single || type.Size != 1)
            throw new ArgumentException($"The identity takes a float vector of one slot, not {type}.", nameof(type));
        // e_1 labelled 1 sets weight and bias to 1; the zero row labelled 0 takes the bias back to 0 (ExactLinearModel).
        var identity = ExactLinearModel.Fit(ml, column, type, [1f], 0f);
        float[] probe = [1.5f, -3.25e7f, 1e-40f, 0.1f, float.MaxValue, -float.Epsilon, 4567.891f];
        var scored = identity.Transform(new TableDataView(probe.Length).AddVector(column, probe.Select(v => new[] { v }).ToList(), type))
            .GetColumn<float>(RegressionHead.Score).ToArray();
        if (!scored.Select(BitConverter.SingleToInt32Bits).SequenceEqual(probe.Select(BitConverter.SingleToInt32Bits)))
            throw new InvalidOperationException($"The identity model changed values: {string.Join(",", probe)} -> {string.Join(",", scored)}.");
        return identity;
    }
}
