using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>Reads predictions out of a view scored by a head made by <see cref="ClassificationHead"/>.</summary>
public static class ScoredView
{
    /// <summary>The model's labels, in score order, from the key values of <see cref="ClassificationHead.PredictedLabelKey"/>.</summary>
    public static IReadOnlyList<string> Labels(DataViewSchema schema)
    {
        var column = schema.GetColumnOrNull(ClassificationHead.PredictedLabelKey)
            ?? throw new UserInputException($"The model has no '{ClassificationHead.PredictedLabelKey}' column: it was not made by mlnet-transfer train.");
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToList();
    }

    /// <summary>
    /// Every row's prediction. Probabilities come from the <c>Score</c> vector normalised to sum 1 (one-versus-all
    /// scores do not), or for a binary head from <c>Probability</c> as [1 - p, p]. With <paramref name="source"/>, a failure
    /// names the image that caused it.
    /// </summary>
    public static IReadOnlyList<Prediction> Read(IDataView scored, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Dataset? source = null)
    {
        var labels = Labels(scored.Schema);
        var binary = scored.Schema[ClassificationHead.Score].Type is not VectorDataViewType;
        var probabilityColumn = binary ? ClassificationHead.Probability : ClassificationHead.Score;
        var predictions = new Prediction[ids.Count];
        ValueGetter<ReadOnlyMemory<char>>? labelGetter = null;
        ValueGetter<VBuffer<float>>? scoreGetter = null;
        ValueGetter<float>? probabilityGetter = null;
        var predicted = default(ReadOnlyMemory<char>);
        var scores = default(VBuffer<float>);
        RowScan.ForEach(scored, ids, [ClassificationHead.PredictedLabel, probabilityColumn], stage, (row, i) =>
        {
            labelGetter ??= row.GetGetter<ReadOnlyMemory<char>>(row.Schema[ClassificationHead.PredictedLabel]);
            labelGetter(ref predicted);
            float[] probabilities;
            if (binary)
            {
                probabilityGetter ??= row.GetGetter<float>(row.Schema[ClassificationHead.Probability]);
                var p = 0f;
                probabilityGetter(ref p);
                probabilities = BinaryProbabilities(p);
            }
            else
            {
                scoreGetter ??= row.GetGetter<VBuffer<float>>(row.Schema[ClassificationHead.Score]);
                scoreGetter(ref scores);
                probabilities = NormalizedScores(scores.DenseValues().ToArray());
            }
            if (probabilities.Length != labels.Count)
                throw new InvalidOperationException($"The model scores {probabilities.Length} classes but names {labels.Count} labels.");
            predictions[i] = new Prediction(ids[i], predicted.ToString(), probabilities);
        }, progress, cancellation, source is null ? null : from => ImageCheck.FirstUndecodable(source, from));
        return predictions;
    }

    /// <summary>A binary head's <c>Probability</c> of the second label as [1 - p, p].</summary>
    internal static float[] BinaryProbabilities(float p) => [1 - p, p];

    /// <summary>A multiclass <c>Score</c> vector scaled in place to sum 1 (one-versus-all scores do not); returned.</summary>
    internal static float[] NormalizedScores(float[] scores)
    {
        var sum = scores.Sum();
        if (sum > 0) for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
        return scores;
    }
}
