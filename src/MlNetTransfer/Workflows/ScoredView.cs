using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Reads predictions out of a view scored by a classifier: a head made by <see cref="ClassificationHead"/> (a zip written
/// by <c>train</c>) or a stock ML.NET classifier (<c>PredictedLabel</c> as text, as a key or as a Boolean).
/// </summary>
public static class ScoredView
{
    /// <summary>
    /// The model's labels, in score order, from the first of: the key values of <see cref="ClassificationHead.PredictedLabelKey"/>
    /// (zips written by <c>train</c>); the key values of <c>PredictedLabel</c> when it is a key (a stock chain without a
    /// final <c>MapKeyToValue</c>); the slot names of a <c>Score</c> vector (a stock multiclass trainer names each score by
    /// its label); <c>False, True</c> for a Boolean <c>PredictedLabel</c> (a stock binary trainer).
    /// </summary>
    /// <exception cref="UserInputException">None of those is there; the message lists the outputs.</exception>
    public static IReadOnlyList<string> Labels(DataViewSchema schema) => TryLabels(schema)
        ?? throw new UserInputException($"The model's outputs do not name its labels: no '{ClassificationHead.PredictedLabelKey}' or key '{ClassificationHead.PredictedLabel}' "
            + $"with key values, no slot names on '{ClassificationHead.Score}', no Boolean '{ClassificationHead.PredictedLabel}' (its outputs: {Describe(schema)}).");

    /// <summary><see cref="Labels"/>, or null when the outputs do not name them.</summary>
    internal static IReadOnlyList<string>? TryLabels(DataViewSchema schema)
    {
        if (schema.GetColumnOrNull(ClassificationHead.PredictedLabelKey) is { } key && AnnotationTexts(key, "KeyValues") is { } ours)
            return ours;
        var predicted = schema.GetColumnOrNull(ClassificationHead.PredictedLabel);
        if (predicted is { Type: KeyDataViewType } && AnnotationTexts(predicted.Value, "KeyValues") is { } keyValues)
            return keyValues;
        if (schema.GetColumnOrNull(ClassificationHead.Score) is { Type: VectorDataViewType } score
            && AnnotationTexts(score, "SlotNames") is { } slotNames && slotNames.All(n => n.Length > 0))
            return slotNames;
        if (predicted is { Type: BooleanDataViewType }) return [bool.FalseString, bool.TrueString];
        return null;
    }

    /// <summary>
    /// What keeps a classifier's outputs from being read as predictions of <paramref name="labels"/>, as a phrase; null
    /// when nothing does. <c>PredictedLabel</c> must be text, a <see cref="uint"/> key (ML.NET's multiclass trainers) or a
    /// Boolean (its binary trainers); <c>Score</c> a float vector of one score per label, or for two labels a single float
    /// next to a float <c>Probability</c> (a calibrated binary trainer).
    /// </summary>
    internal static string? OutputProblem(DataViewSchema schema, IReadOnlyList<string> labels)
    {
        var predicted = schema.GetColumnOrNull(ClassificationHead.PredictedLabel);
        var score = schema.GetColumnOrNull(ClassificationHead.Score);
        if (predicted is null || score is null) return $"it has no '{(predicted is null ? ClassificationHead.PredictedLabel : ClassificationHead.Score)}' column";
        var type = predicted.Value.Type;
        if (!(type is TextDataViewType or BooleanDataViewType || type is KeyDataViewType && type.RawType == typeof(uint)))
            return $"its '{ClassificationHead.PredictedLabel}' is {type}, not text, a key or a Boolean";
        switch (score.Value.Type)
        {
            case VectorDataViewType { ItemType: var item, Size: var size } when item == NumberDataViewType.Single:
                return size == 0 || size == labels.Count ? null : $"its '{ClassificationHead.Score}' holds {size} scores but it names {labels.Count} labels ({string.Join(", ", labels)})";
            case var single when single == NumberDataViewType.Single:
                if (labels.Count != 2) return $"its '{ClassificationHead.Score}' is a single value (a binary classifier) but it names {labels.Count} labels";
                return schema.GetColumnOrNull(ClassificationHead.Probability) is { Type: var p } && p == NumberDataViewType.Single
                    ? null
                    : $"it is a binary classifier without a '{ClassificationHead.Probability}' column (an uncalibrated trainer): there are no probabilities to read";
            default:
                return $"its '{ClassificationHead.Score}' is {score.Value.Type}, not a float vector or a single float";
        }
    }

    /// <summary>A predicted key (1-based; 0 is missing) as its label.</summary>
    internal static string KeyLabel(uint key, IReadOnlyList<string> labels) => key >= 1 && key <= labels.Count ? labels[(int)key - 1] : "";

    /// <summary>Every visible column of <paramref name="schema"/> as <c>name: type</c>.</summary>
    internal static string Describe(DataViewSchema schema) =>
        string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"{c.Name}: {c.Type}"));

    /// <summary>
    /// The values of a vector annotation (<c>KeyValues</c>, <c>SlotNames</c>) of <paramref name="column"/> as invariant
    /// text; null when the column has no such annotation.
    /// </summary>
    private static IReadOnlyList<string>? AnnotationTexts(DataViewSchema.Column column, string kind)
    {
        if (column.Annotations.Schema.GetColumnOrNull(kind) is not { Type: VectorDataViewType vector }) return null;
        var read = typeof(ScoredView).GetMethod(nameof(Texts), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(vector.ItemType.RawType);
        return (IReadOnlyList<string>)read.Invoke(null, [column.Annotations, kind])!;
    }

    private static IReadOnlyList<string> Texts<T>(DataViewSchema.Annotations annotations, string kind)
    {
        var values = default(VBuffer<T>);
        annotations.GetValue(kind, ref values);
        return values.DenseValues().Select(v => v is ReadOnlyMemory<char> text ? text.ToString() : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList();
    }

    /// <summary>
    /// Every row's prediction. Probabilities come from the <c>Score</c> vector normalised to sum 1 (one-versus-all
    /// scores do not), or for a binary head from <c>Probability</c> as [1 - p, p]. With <paramref name="source"/>, a failure
    /// names the image that caused it.
    /// </summary>
    public static IReadOnlyList<Prediction> Read(IDataView scored, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Dataset? source = null) =>
        Read(scored, ids, stage, progress, cancellation, source, null);

    /// <summary>As <see cref="Read(IDataView, IReadOnlyList{string}, string, IProgress{WorkflowProgress}?, CancellationToken, Dataset?)"/>, keeping each row's head input in <paramref name="tap"/>.</summary>
    internal static IReadOnlyList<Prediction> Read(IDataView scored, IReadOnlyList<string> ids, string stage,
        IProgress<WorkflowProgress>? progress, CancellationToken cancellation, Dataset? source, HeadInputTap? tap)
    {
        var labels = Labels(scored.Schema);
        var binary = scored.Schema[ClassificationHead.Score].Type is not VectorDataViewType;
        var probabilityColumn = binary ? ClassificationHead.Probability : ClassificationHead.Score;
        var predictions = new Prediction[ids.Count];
        if (OutputProblem(scored.Schema, labels) is { } problem)
            throw new UserInputException($"The model's predictions cannot be read: {problem} (its outputs: {Describe(scored.Schema)}).");
        Func<string>? readPredicted = null;
        ValueGetter<VBuffer<float>>? scoreGetter = null;
        ValueGetter<float>? probabilityGetter = null;
        var scores = default(VBuffer<float>);
        RowScan.ForEach(scored, ids, [ClassificationHead.PredictedLabel, probabilityColumn, .. tap is null ? [] : HeadInputTap.Columns(scored.Schema)], stage, (row, i) =>
        {
            tap?.Read(row, i);
            readPredicted ??= PredictedLabelReader(row, labels);
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
            predictions[i] = new Prediction(ids[i], readPredicted(), probabilities);
        }, progress, cancellation, source is null ? null : from => ImageCheck.FirstUndecodable(source, from));
        return predictions;
    }

    /// <summary>Reads <c>PredictedLabel</c> of <paramref name="row"/> as its label, whichever of the types <see cref="OutputProblem"/> allows it has.</summary>
    private static Func<string> PredictedLabelReader(DataViewRow row, IReadOnlyList<string> labels)
    {
        var column = row.Schema[ClassificationHead.PredictedLabel];
        switch (column.Type)
        {
            case TextDataViewType:
            {
                var getter = row.GetGetter<ReadOnlyMemory<char>>(column);
                var value = default(ReadOnlyMemory<char>);
                return () => { getter(ref value); return value.ToString(); };
            }
            case BooleanDataViewType:
            {
                var getter = row.GetGetter<bool>(column);
                var value = false;
                return () => { getter(ref value); return value.ToString(); };
            }
            default:
            {
                var getter = row.GetGetter<uint>(column);
                var value = 0u;
                return () => { getter(ref value); return KeyLabel(value, labels); };
            }
        }
    }

    /// <summary>A binary head's <c>Probability</c> of the second label as [1 - p, p] (<see cref="HeadScores.BinaryProbabilities"/>).</summary>
    internal static float[] BinaryProbabilities(float p) => HeadScores.BinaryProbabilities(p);

    /// <summary>A multiclass <c>Score</c> vector scaled in place to sum 1 (<see cref="HeadScores.NormalizedScores"/>); returned.</summary>
    internal static float[] NormalizedScores(float[] scores) => HeadScores.NormalizedScores(scores);
}
