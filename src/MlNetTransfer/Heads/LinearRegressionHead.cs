using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>linear</c>: linear least squares with an L2 penalty (ridge regression) by ML.NET's SDCA regression trainer, on
/// standardised features (<c>NormalizeMeanVariance</c>, unless <see cref="RegressionHeadContext.Standardize"/> is false for
/// sparse tf-idf parts). Ordinary least squares without a penalty would need Microsoft.ML.Mkl.Components, which is not
/// available here; a penalty is also what scikit-learn users reach for (Ridge / RidgeCV). Unless a strength is given,
/// it is chosen as scikit-learn's <c>RidgeCV</c> chooses alpha: the strength of <see cref="CandidateL2"/> with the least
/// cross-validated squared error (5 folds, ML.NET's <c>CrossValidationSplit</c> seeded with
/// <see cref="RegressionHeadContext.Seed"/>), each fold solved in closed form (<see cref="RidgeRegression"/>: ridge on the
/// features scaled as the saved chain scales them, α = n·λ/2, the problem SDCA minimises), then one SDCA fit on all
/// rows for the zip. Data too large for the closed form (both rows and features above <see cref="MaximumClosedFormSize"/>,
/// or more than <see cref="MaximumClosedFormValues"/> values) is cross-validated with SDCA itself (30 fits). Without a chosen strength, SDCA's own choice lets 512 embedding dimensions fit 320
/// images' noise (R² −1.5 on held-out data, BENCHMARKS.md "Regression").
/// </summary>
/// <param name="L2Regularization">The L2 penalty's strength (ML.NET's SDCA <c>l2Regularization</c>, per example); null: chosen by cross-validation.</param>
public sealed class LinearRegressionHead(float? L2Regularization = null) : IRegressionHeadTrainer
{
    /// <summary>The strengths cross-validation chooses from (SDCA's per-example <c>l2Regularization</c>).</summary>
    public static IReadOnlyList<float> CandidateL2 { get; } = [1e-4f, 1e-3f, 1e-2f, 1e-1f, 1f, 10f];

    /// <summary>Fewer training rows than this: no cross-validation, SDCA's own choice.</summary>
    public const int MinimumRowsForCrossValidation = 20;

    /// <summary>
    /// Cross-validation in closed form needs rows or features (whichever is fewer: the size of the matrix
    /// eigen-decomposed per fold) at most this many; otherwise SDCA is cross-validated.
    /// </summary>
    public const int MaximumClosedFormSize = 1024;

    /// <summary>Cross-validation in closed form needs at most this many feature values (rows x features; 2^26, 256 MB of floats).</summary>
    public const long MaximumClosedFormValues = 1L << 26;

    private const int Folds = 5;

    /// <summary>The L2 strength given at construction; null: chosen by cross-validation.</summary>
    public float? L2Regularization { get; } = L2Regularization;

    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public string Description => "linear regression with an L2 penalty (SDCA) on standardised features, the penalty chosen by 5-fold CV";

    /// <summary>
    /// Fits SDCA with the given strength, or with the cross-validated one; when SDCA does not reach the ridge solution at
    /// that strength (see <see cref="FitRanked"/>), with the next best.
    /// </summary>
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        if (L2Regularization is { } given) return Estimator(ml, context, given).Fit(data);
        return FitRanked(ml, data, context, RankL2(ml, data, context)).Model;
    }

    /// <summary>
    /// How far SDCA's training predictions may be from the exact ridge fit's (<see cref="RidgeRegression.RelativeDeviation"/>)
    /// for SDCA to count as having reached it. Measured: 0.0005-0.09 where it does (Seattle's weather at 1e-3 … 10; noise
    /// in 200 dimensions at 10, where SDCA stops early with smaller weights), 0.25-0.9 where it stops far away (Seattle at
    /// 1e-4: R² 0.33 against ridge's 0.79; the noise at 1e-2 … 1).
    /// </summary>
    internal const double ReachedDeviation = 0.2;

    /// <summary>
    /// SDCA at the first strength of <paramref name="ranked"/> at which it reaches the ridge solution (its training
    /// predictions within <see cref="ReachedDeviation"/> of the exact ones; not checked on data too large for the closed
    /// form), and that strength. SDCA may not: at a tiny penalty its weights can go non-finite, or it stops at its pass
    /// limit far from the optimum (L2 = 1e-4 on Seattle's three weather features: R² 0.33 where ridge has 0.79). When
    /// none reaches it, the finite fit nearest to its own ridge solution; SDCA's own choice (null) when every one diverges.
    /// </summary>
    internal static (ITransformer Model, float? L2) FitRanked(MLContext ml, IDataView data, RegressionHeadContext context, IReadOnlyList<float> ranked)
    {
        var (rows, labels) = ranked.Count > 0 && FitsClosedForm(data, context) ? Read(data, context) : (null, null);
        var exact = rows is null ? null : RidgeRegression.Prepare(rows, labels!, context.Standardize);
        (ITransformer Model, float L2, double Deviation)? nearest = null;
        foreach (var l2 in ranked)
        {
            if (TryFit(ml, data, context, l2) is not { } fitted) continue;
            if (exact is null) return (fitted, l2);
            var deviation = exact.RelativeDeviation(l2, rows!, labels!, fitted.Transform(data).GetColumn<float>(RegressionHead.Score).ToList());
            if (deviation <= ReachedDeviation) return (fitted, l2);
            if (nearest is null || deviation < nearest.Value.Deviation) nearest = (fitted, l2, deviation);
        }
        return nearest is { } n ? (n.Model, n.L2) : (Estimator(ml, context, null).Fit(data), null);
    }

    /// <summary>
    /// The candidate strength with the least mean squared error over 5 cross-validation folds; null (SDCA's own choice)
    /// when the data has fewer than <see cref="MinimumRowsForCrossValidation"/> rows (or, on data too large for the closed
    /// form, when SDCA diverges at every strength).
    /// </summary>
    public static float? ChooseL2(MLContext ml, IDataView data, RegressionHeadContext context) =>
        RankL2(ml, data, context).Cast<float?>().FirstOrDefault();

    /// <summary>The candidates with a finite cross-validated error, best first (ties: smaller strength first); none under the row minimum.</summary>
    private static IReadOnlyList<float> RankL2(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        if ((data.GetRowCount() ?? CountRows(data)) < MinimumRowsForCrossValidation) return [];
        var errors = FitsClosedForm(data, context)
            ? RidgeRegression.CrossValidatedErrors(FoldsOf(ml, data, context), CandidateL2, context.Standardize)
            : CandidateL2.Select(l2 => SdcaCrossValidatedError(ml, data, context, l2)).ToArray();
        return CandidateL2.Select((l2, k) => (L2: l2, Error: errors[k]))
            .Where(e => double.IsFinite(e.Error)).OrderBy(e => e.Error).Select(e => e.L2).ToList();
    }

    /// <summary>Whether the rows or the features are at most <see cref="MaximumClosedFormSize"/> and their product at most <see cref="MaximumClosedFormValues"/>.</summary>
    private static bool FitsClosedForm(IDataView data, RegressionHeadContext context)
    {
        var rows = data.GetRowCount() ?? CountRows(data);
        var width = data.Schema[context.FeatureColumn].Type is VectorDataViewType vector ? vector.Size : 1;
        return Math.Min(rows, width) <= MaximumClosedFormSize && rows * width <= MaximumClosedFormValues;
    }

    /// <summary>The rows of ML.NET's 5 cross-validation folds (the split <c>ml.Regression.CrossValidate</c> makes with the same seed).</summary>
    internal static List<RidgeRegression.Fold> FoldsOf(MLContext ml, IDataView data, RegressionHeadContext context) =>
        ml.Data.CrossValidationSplit(data, Folds, seed: context.Seed).Select(split =>
        {
            var (trainRows, trainLabels) = Read(split.TrainSet, context);
            var (testRows, testLabels) = Read(split.TestSet, context);
            return new RidgeRegression.Fold(trainRows, trainLabels, testRows, testLabels);
        }).ToList();

    private static (List<float[]> Rows, List<float> Labels) Read(IDataView data, RegressionHeadContext context)
    {
        var rows = new List<float[]>();
        var labels = new List<float>();
        var features = data.Schema[context.FeatureColumn];
        var label = data.Schema[context.LabelColumn];
        using var cursor = data.GetRowCursor([features, label]);
        var getLabel = cursor.GetGetter<float>(label);
        Func<float[]> getRow = features.Type is VectorDataViewType ? VectorGetter(cursor, features) : ScalarGetter(cursor, features);
        var value = 0f;
        while (cursor.MoveNext())
        {
            getLabel(ref value);
            rows.Add(getRow());
            labels.Add(value);
        }
        return (rows, labels);
    }

    private static Func<float[]> VectorGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<VBuffer<float>>(column);
        var buffer = default(VBuffer<float>);
        return () =>
        {
            get(ref buffer);
            return buffer.DenseValues().ToArray();
        };
    }

    private static Func<float[]> ScalarGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<float>(column);
        var value = 0f;
        return () =>
        {
            get(ref value);
            return [value];
        };
    }

    /// <summary>SDCA at <paramref name="l2"/>, or null when its weights go non-finite (ML.NET refuses them with an <see cref="ArgumentOutOfRangeException"/>).</summary>
    private static ITransformer? TryFit(MLContext ml, IDataView data, RegressionHeadContext context, float l2)
    {
        try
        {
            return Estimator(ml, context, l2).Fit(data);
        }
        catch (ArgumentOutOfRangeException e) when (IsDivergence(e))
        {
            return null;
        }
    }

    /// <summary>Mean squared error of SDCA over the folds; infinite when SDCA diverges at this strength.</summary>
    private static double SdcaCrossValidatedError(MLContext ml, IDataView data, RegressionHeadContext context, float l2)
    {
        try
        {
            return ml.Regression.CrossValidate(data, Estimator(ml, context, l2), Folds, context.LabelColumn, seed: context.Seed)
                .Average(fold => fold.Metrics.MeanSquaredError);
        }
        catch (ArgumentOutOfRangeException e) when (IsDivergence(e))
        {
            return double.PositiveInfinity;
        }
    }

    private static bool IsDivergence(ArgumentOutOfRangeException e) => e.Message.Contains("non-finite", StringComparison.Ordinal);

    private static IEstimator<ITransformer> Estimator(MLContext ml, RegressionHeadContext context, float? l2)
    {
        var sdca = ml.Regression.Trainers.Sdca(context.LabelColumn, context.FeatureColumn, l2Regularization: l2);
        return context.Standardize ? ml.Transforms.NormalizeMeanVariance(context.FeatureColumn).Append(sdca) : sdca;
    }

    private static long CountRows(IDataView data)
    {
        using var cursor = data.GetRowCursor([]);
        long n = 0;
        while (cursor.MoveNext()) n++;
        return n;
    }
}
