using System.Numerics.Tensors;
using Microsoft.ML;
using MlNetTransfer.FeatureSpace;
using Onnx;
using static MlNetTransfer.Backbones.OnnxGraphs;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// An affine map of feature rows, y = ((x − <see cref="Shift"/>) ⊙ <see cref="Scale"/>) · <see cref="Matrix"/> + <see cref="Offset"/>,
/// from f32[d] to f32[k] (each part optional: no shift, no scale, no matrix (then k = d), no offset). What a linear
/// domain-adaptation method learns for each domain (per-domain standardisation, CORAL's whitening and re-colouring,
/// subspace alignment's projections): applied to in-memory rows for training (<see cref="Apply(IReadOnlyList{float[]})"/>)
/// and saved in the zip as a generated ONNX graph (Sub, Mul, MatMul, Add; opset 13) through <see cref="ToTransformer"/>,
/// so the saved model and the training path compute the same numbers.
/// </summary>
public sealed class AffineMap
{
    /// <summary>The intermediate column the saved graph writes (dropped by the saved steps).</summary>
    public const string MappedColumn = "AdaptedFeatures";

    /// <summary>
    /// A map of rows of <paramref name="inputSize"/> values. <paramref name="matrix"/> is [d, k] row-major (its length a
    /// multiple of d); <paramref name="shift"/> and <paramref name="scale"/> have d values, <paramref name="offset"/> k.
    /// An <see cref="ArgumentException"/> for wrong lengths or values that are not finite.
    /// </summary>
    public AffineMap(int inputSize, float[]? shift = null, float[]? scale = null, float[]? matrix = null, float[]? offset = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        InputSize = inputSize;
        if (matrix is not null && (matrix.Length == 0 || matrix.Length % inputSize != 0))
            throw new ArgumentException($"The matrix must be [{inputSize}, k] row-major: its {matrix.Length} values are not a multiple of {inputSize}.", nameof(matrix));
        OutputSize = matrix is null ? inputSize : matrix.Length / inputSize;
        Shift = Checked(shift, inputSize, nameof(shift));
        Scale = Checked(scale, inputSize, nameof(scale));
        Matrix = Checked(matrix, matrix?.Length ?? 0, nameof(matrix));
        Offset = Checked(offset, OutputSize, nameof(offset));
    }

    /// <summary>d: the length of the rows the map reads.</summary>
    public int InputSize { get; }

    /// <summary>k: the length of the rows the map writes.</summary>
    public int OutputSize { get; }

    /// <summary>Subtracted first, [d]; null for none.</summary>
    public float[]? Shift { get; }

    /// <summary>Multiplied element-wise after the shift, [d]; null for none.</summary>
    public float[]? Scale { get; }

    /// <summary>[d, k] row-major, multiplied on the right; null for none (k = d).</summary>
    public float[]? Matrix { get; }

    /// <summary>Added last, [k]; null for none.</summary>
    public float[]? Offset { get; }

    /// <summary>True when the map changes nothing (no part set).</summary>
    public bool IsIdentity => Shift is null && Scale is null && Matrix is null && Offset is null;

    /// <summary>The identity map of rows of <paramref name="size"/> values.</summary>
    public static AffineMap Identity(int size) => new(size);

    /// <summary>The map of one row of <see cref="InputSize"/> values (an <see cref="ArgumentException"/> otherwise).</summary>
    public float[] Apply(ReadOnlySpan<float> row)
    {
        if (row.Length != InputSize) throw new ArgumentException($"A row of {row.Length} values; the map reads {InputSize}.", nameof(row));
        var x = row.ToArray();
        if (Shift is not null) TensorPrimitives.Subtract(x, Shift, x);
        if (Scale is not null) TensorPrimitives.Multiply(x, Scale, x);
        float[] y;
        if (Matrix is null) y = x;
        else
        {
            y = new float[OutputSize];
            for (var j = 0; j < InputSize; j++)
            {
                if (x[j] == 0) continue;
                TensorPrimitives.MultiplyAdd(Matrix.AsSpan(j * OutputSize, OutputSize), x[j], y, y);
            }
        }
        if (Offset is not null) TensorPrimitives.Add(y, Offset, y);
        return y;
    }

    /// <summary>The map of every row, in order.</summary>
    public IReadOnlyList<float[]> Apply(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mapped = new float[rows.Count][];
        Parallel.For(0, rows.Count, i => mapped[i] = Apply(rows[i]));
        return mapped;
    }

    /// <summary>The map as a graph f32[batch, d] named <paramref name="inputName"/> -> f32[batch, k] named <paramref name="outputName"/>.</summary>
    public ModelProto ToOnnx(string inputName, string outputName)
    {
        var graph = new GraphProto { Name = "affine_map" };
        graph.Input.Add(BatchOfVectors(inputName, InputSize));
        graph.Output.Add(BatchOfVectors(outputName, OutputSize));
        var steps = new List<(string Op, string Name, float[]? Values, long[] Dims)>
        {
            ("Sub", "affine_shift", Shift, [InputSize]),
            ("Mul", "affine_scale", Scale, [InputSize]),
            ("MatMul", "affine_matrix", Matrix, [InputSize, OutputSize]),
            ("Add", "affine_offset", Offset, [OutputSize]),
        };
        var present = steps.Where(s => s.Values is not null).ToList();
        if (present.Count == 0) present.Add(("Mul", "affine_one", [1f], [1]));
        var current = inputName;
        for (var i = 0; i < present.Count; i++)
        {
            var (op, name, values, dims) = present[i];
            graph.Initializer.Add(FloatConstant(name, values ?? [1f], dims));
            var output = i == present.Count - 1 ? outputName : name + "_out";
            graph.Node.Add(Node(op, [current, name], output));
            current = output;
        }
        return GeneratedModel(graph);
    }

    /// <summary>
    /// The saved steps of the map on <paramref name="featureColumn"/> (in place; see <see cref="OnnxFeatureStep"/>),
    /// fitted on <paramref name="input"/>'s schema (no rows are read); an <see cref="ArgumentException"/> when the column
    /// is not a vector of <see cref="InputSize"/> floats.
    /// </summary>
    public ITransformer ToTransformer(MLContext ml, IDataView input, string featureColumn) =>
        OnnxFeatureStep.Build(ml, ToOnnx(featureColumn, MappedColumn), InputSize, input, featureColumn, MappedColumn);

    private static float[]? Checked(float[]? values, int length, string name)
    {
        if (values is null) return null;
        if (values.Length != length) throw new ArgumentException($"{name} has {values.Length} values; {length} expected.", name);
        for (var i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i])) throw new ArgumentException($"{name}[{i}] is {values[i]}: every value must be finite.", name);
        return values;
    }
}
