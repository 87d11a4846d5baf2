using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Onnx;

namespace MlNetTransfer.FeatureSpace;

/// <summary>
/// A generated ONNX graph f32[batch, d] -> f32[batch, k] as an in-place feature-space step, stock ML.NET only:
/// <c>ApplyOnnxModel</c> into an intermediate column (ML.NET reads ONNX's [batch, k] output as
/// <c>Vector&lt;Single, 1, k&gt;</c>), an <c>Expression</c> <c>x =&gt; x</c> from it into the features column (a flat
/// <c>Vector&lt;Single, k&gt;</c>) and a <c>DropColumns</c> of the intermediate column. PCA and the domain-adaptation
/// maps are saved this way.
/// </summary>
internal static class OnnxFeatureStep
{
    /// <summary>
    /// The steps of <paramref name="graph"/> (whose input is named <paramref name="featureColumn"/> and whose output is
    /// named <paramref name="intermediateColumn"/>), fitted on <paramref name="input"/>'s schema (no rows are read);
    /// an <see cref="ArgumentException"/> when <paramref name="featureColumn"/> is not a vector of <paramref name="inputSize"/> floats.
    /// </summary>
    public static ITransformer Build(MLContext ml, ModelProto graph, int inputSize, IDataView input, string featureColumn, string intermediateColumn)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(graph);
        if (input.Schema.GetColumnOrNull(featureColumn)?.Type is not VectorDataViewType { Size: var size } type || size != inputSize || type.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"Column '{featureColumn}' must be a vector of {inputSize} floats, as the step was fitted on.", nameof(featureColumn));
        using var bytes = new MemoryStream(graph.ToByteArray());
        var estimator = ml.Transforms.ApplyOnnxModel(bytes)
            .Append(ml.Transforms.Expression(featureColumn, "x => x", intermediateColumn))
            .Append(ml.Transforms.DropColumns(intermediateColumn));
        return estimator.Fit(input);
    }
}
