using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Keeps each row's head input (the <c>Features</c> column a model from <c>train</c> scores) while its predictions are
/// read, so a report can map the features without running the backbones a second time.
/// </summary>
internal sealed class HeadInputTap(int rows)
{
    private ValueGetter<VBuffer<float>>? _getter;
    private VBuffer<float> _buffer;

    /// <summary>One dense copy per row read, in row order; null for rows not read.</summary>
    public float[][] Features { get; } = new float[rows][];

    /// <summary>The columns a scan must read for the tap: <c>Features</c> when the schema has it as a known-size float vector, else none.</summary>
    public static IEnumerable<string> Columns(DataViewSchema schema) => Readable(schema) ? [FeaturePipeline.FeaturesColumn] : [];

    /// <summary>Whether the schema has features to tap.</summary>
    public static bool Readable(DataViewSchema schema) =>
        schema.GetColumnOrNull(FeaturePipeline.FeaturesColumn) is { Type: VectorDataViewType { Size: > 0, ItemType: var item } } && item == NumberDataViewType.Single;

    /// <summary>Copies row <paramref name="i"/>'s features; nothing when the schema has none.</summary>
    public void Read(DataViewRow row, int i)
    {
        if (!Readable(row.Schema)) return;
        _getter ??= row.GetGetter<VBuffer<float>>(row.Schema[FeaturePipeline.FeaturesColumn]);
        _getter(ref _buffer);
        Features[i] = _buffer.DenseValues().ToArray();
    }
}
