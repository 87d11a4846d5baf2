using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// A head (<see cref="IHeadTrainer"/>) on in-memory dense rows: fitted through <see cref="ClassificationHead.Fit(MLContext, IDataView, IHeadTrainer, HeadTrainingContext)"/>
/// on a view whose <c>Features</c> is a vector of the rows' width in floats and whose text <c>Label</c> holds label names,
/// and read back as per-label probabilities (<see cref="HeadScores"/>: the <c>Score</c> vector normalised, or a binary
/// head's <c>Probability</c>).
/// </summary>
internal static class HeadOnRows
{
    /// <summary>The features column every adaptation step reads and writes.</summary>
    public const string FeatureColumn = "Features";

    /// <summary>The text label column heads are fitted on.</summary>
    public const string LabelColumn = "Label";

    /// <summary>The type of the features column for rows of <paramref name="width"/> floats.</summary>
    public static VectorDataViewType FeatureType(int width) => new(NumberDataViewType.Single, width);

    /// <summary>A view of <paramref name="rows"/> (each <paramref name="width"/> floats) as the <c>Features</c> column only.</summary>
    public static IDataView View(IReadOnlyList<float[]> rows, int width) =>
        new TableDataView(rows.Count).AddVector(FeatureColumn, rows, FeatureType(width));

    /// <summary>
    /// Fits <see cref="AdaptationContext.Trainer"/> on <paramref name="rows"/> (n rows of the same width) labeled
    /// <paramref name="rowLabels"/> (indices into <paramref name="labels"/>). Every label must have at least one row (a
    /// head's keys are the labels it saw): a <see cref="UserInputException"/> naming the missing label otherwise.
    /// </summary>
    public static ITransformer Fit(MLContext ml, IReadOnlyList<string> labels, IReadOnlyList<float[]> rows, IReadOnlyList<int> rowLabels,
        AdaptationContext context, string what = "training rows")
    {
        if (rows.Count == 0) throw new UserInputException($"There are no {what} to train the head on.");
        var counts = new int[labels.Count];
        foreach (var label in rowLabels) counts[label]++;
        var missing = Enumerable.Range(0, labels.Count).Where(c => counts[c] == 0).Select(c => $"'{labels[c]}'").ToList();
        if (missing.Count > 0)
            throw new UserInputException($"The {what} have no row of label {string.Join(", ", missing)}: every label needs labeled source rows.");
        var width = rows[0].Length;
        var view = new TableDataView(rows.Count)
            .AddVector(FeatureColumn, rows, FeatureType(width))
            .AddText(LabelColumn, rowLabels.Select(l => labels[l]).ToList());
        var headContext = new HeadTrainingContext(labels)
        {
            FeatureColumn = FeatureColumn,
            LabelColumn = LabelColumn,
            Standardize = context.Standardize,
            Seed = context.Seed,
            Cancellation = context.Cancellation,
        };
        context.Cancellation.ThrowIfCancellationRequested();
        return ClassificationHead.Fit(ml, view, context.Trainer, headContext);
    }

    /// <summary>
    /// Per row of <paramref name="rows"/>, the probability of each of the <paramref name="classes"/> labels (in score
    /// order) that <paramref name="transformer"/> (a fitted head, or steps ending in one, reading <c>Features</c>) gives.
    /// </summary>
    public static float[][] Probabilities(ITransformer transformer, IReadOnlyList<float[]> rows, int width, int classes)
    {
        var result = new float[rows.Count][];
        if (rows.Count == 0) return result;
        var scored = transformer.Transform(View(rows, width));
        var binary = scored.Schema[ClassificationHead.Score].Type is not VectorDataViewType;
        var column = scored.Schema[binary ? ClassificationHead.Probability : ClassificationHead.Score];
        using var cursor = scored.GetRowCursor([column]);
        var i = 0;
        if (binary)
        {
            var get = cursor.GetGetter<float>(column);
            var p = 0f;
            while (cursor.MoveNext())
            {
                get(ref p);
                result[i++] = HeadScores.BinaryProbabilities(p);
            }
        }
        else
        {
            var get = cursor.GetGetter<VBuffer<float>>(column);
            var scores = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                get(ref scores);
                result[i++] = HeadScores.NormalizedScores(scores.DenseValues().ToArray());
            }
        }
        if (i != rows.Count) throw new InvalidOperationException($"The head scored {i} of {rows.Count} rows.");
        if (result[0].Length != classes) throw new InvalidOperationException($"The head scores {result[0].Length} classes, not {classes}.");
        return result;
    }

    /// <summary>The index of the largest value (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(values);

    /// <summary>Each row restricted to the feature indices <paramref name="indices"/>, in that order.</summary>
    public static float[][] Columns(IReadOnlyList<float[]> rows, int[] indices)
    {
        var result = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = new float[indices.Length];
            for (var j = 0; j < indices.Length; j++) row[j] = rows[i][indices[j]];
            result[i] = row;
        }
        return result;
    }
}
