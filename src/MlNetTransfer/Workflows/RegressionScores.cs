using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>Reads predictions out of a view scored by a regression head (<see cref="RegressionHead"/>: <c>Score</c>, a float).</summary>
public static class RegressionScores
{
    /// <summary>
    /// True when <paramref name="schema"/> (a model's output) is a regression model's: <c>Score</c> a float scalar, and no
    /// <c>PredictedLabel</c> or <c>Probability</c> (which a classifier's single <c>Score</c>, a binary margin, comes with).
    /// </summary>
    public static bool IsRegressionOutput(DataViewSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.GetColumnOrNull(RegressionHead.Score) is { Type: var type } && type == NumberDataViewType.Single
            && schema.GetColumnOrNull(ClassificationHead.PredictedLabel) is null
            && schema.GetColumnOrNull(ClassificationHead.Probability) is null;
    }

    /// <summary>
    /// Every row's prediction (<c>Score</c>), in order. With <paramref name="source"/>, a failure names the image that
    /// caused it.
    /// </summary>
    public static IReadOnlyList<RegressionPrediction> Read(IDataView scored, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Dataset? source = null) =>
        Read(scored, ids, stage, progress, cancellation, source, null);

    /// <summary>As <see cref="Read(IDataView, IReadOnlyList{string}, string, IProgress{WorkflowProgress}?, CancellationToken, Dataset?)"/>, keeping each row's head input in <paramref name="tap"/>.</summary>
    internal static IReadOnlyList<RegressionPrediction> Read(IDataView scored, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Dataset? source, HeadInputTap? tap)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(ids);
        var predictions = new RegressionPrediction[ids.Count];
        ValueGetter<float>? getter = null;
        var value = 0f;
        RowScan.ForEach(scored, ids, [RegressionHead.Score, .. tap is null ? [] : HeadInputTap.Columns(scored.Schema)], stage, (row, i) =>
        {
            tap?.Read(row, i);
            getter ??= row.GetGetter<float>(row.Schema[RegressionHead.Score]);
            getter(ref value);
            predictions[i] = new RegressionPrediction(ids[i], value);
        }, progress, cancellation, source is null ? null : from => ImageCheck.FirstUndecodable(source, from));
        return predictions;
    }

    /// <summary>A prediction as <c>predict --out</c> writes it: the number in round-trip format (invariant culture).</summary>
    public static string Format(float value) => CsvOutput.Number(value);
}
