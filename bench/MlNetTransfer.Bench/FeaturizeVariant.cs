using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>
/// One way of turning the benchmark's images into embeddings. Setup (fitting, loading, creating ONNX Runtime sessions)
/// happens once, in the constructor, and is reported apart; <see cref="Run"/> is the timed part, called on consecutive
/// chunks of the images (interleaved with the other variants' chunks).
/// </summary>
internal interface IFeaturizeVariant : IDisposable
{
    /// <summary>"a", "b", …: the letter the report uses.</summary>
    string Key { get; }

    string Name { get; }

    /// <summary>Wall time of the one-off setup, not part of any timed run.</summary>
    TimeSpan Setup { get; }

    /// <summary>The embeddings of every image of <paramref name="images"/>, in its order.</summary>
    float[][] Run(Dataset images);
}

internal static class Views
{
    /// <summary>Reads a float vector column once with one cursor, as an app iterating the output would.</summary>
    public static float[][] ReadVectors(IDataView view, string column, int rows)
    {
        // One cursor, as an app reading the column would; ML.NET may still split its work over threads behind it.
        var result = new float[rows][];
        var col = view.Schema[column];
        using var cursor = view.GetRowCursor([col]);
        var getter = cursor.GetGetter<VBuffer<float>>(col);
        var buffer = default(VBuffer<float>);
        var i = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            result[i++] = buffer.DenseValues().ToArray();
        }
        if (i != rows) throw new InvalidOperationException($"'{column}': {i} rows read, {rows} expected.");
        return result;
    }
}
