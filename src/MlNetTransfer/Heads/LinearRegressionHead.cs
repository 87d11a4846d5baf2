using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>linear</c>: linear least squares with an L2 penalty (ridge regression) on standardised features
/// (<c>NormalizeMeanVariance</c>, unless <see cref="RegressionHeadContext.Standardize"/> is false for sparse tf-idf parts),
/// what a scikit-learn user gets from <c>RidgeCV</c>: the exact solution at a cross-validated penalty. Ordinary least
/// squares without a penalty would need Microsoft.ML.Mkl.Components, which is not available here. Unless a strength is
/// given, it is chosen as <c>RidgeCV</c> chooses alpha: the strength of <see cref="CandidateL2"/> with the least
/// cross-validated squared error (5 folds, ML.NET's <c>CrossValidationSplit</c> seeded with
/// <see cref="RegressionHeadContext.Seed"/>), each fold solved in closed form (<see cref="RidgeRegression"/>: ridge on the
/// features scaled as the saved chain scales them, α = n·λ/2 for ML.NET's per-example λ). The zip then holds the exact
/// ridge solution on all rows at that strength (weights and intercept computed in double, saved in float) as a stock
/// ML.NET linear regression model (<see cref="ExactLinearModel"/>) after the <c>NormalizeMeanVariance</c> step, so it loads
/// in a plain ML.NET app. Data too large for the closed form (both rows and features above
/// <see cref="MaximumClosedFormSize"/>, or more than <see cref="MaximumClosedFormValues"/> values) is fitted and
/// cross-validated with ML.NET's SDCA trainer instead (30 fits), as is data with fewer than
/// <see cref="MinimumRowsForCrossValidation"/> rows and no given strength (SDCA's own choice of penalty). Without a chosen
/// strength, SDCA's own choice lets 512 embedding dimensions fit 320 images' noise (R² −1.5 on held-out data,
/// BENCHMARKS.md "Regression").
/// </summary>
/// <param name="L2Regularization">The L2 penalty's strength, ML.NET's per-example λ (SDCA's <c>l2Regularization</c>; scikit-learn's alpha = rows·λ/2); null: chosen by cross-validation.</param>
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
    public string Description => "ridge regression (linear, L2 penalty) on standardised features, exact, the penalty chosen by 5-fold CV";

    /// <summary>
    /// The exact ridge fit (<see cref="FitExact"/>) at the given strength or the cross-validated one, when the data fits
    /// the closed form; otherwise SDCA (see the class summary).
    /// </summary>
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        if (!FitsClosedForm(data, context))
            return L2Regularization is { } given ? Estimator(ml, context, given).Fit(data) : FitSdca(ml, data, context, RankL2(ml, data, context)).Model;
        var chosen = L2Regularization ?? RankL2(ml, data, context).Cast<float?>().FirstOrDefault();
        return chosen is { } l2 ? FitExact(ml, data, context, l2) : Estimator(ml, context, null).Fit(data);
    }

    /// <summary>
    /// The ridge solution at SDCA's per-example <paramref name="l2"/> (α = n·λ/2) on every row of <paramref name="data"/>
    /// (read into memory as dense [rows][features] float), as stock ML.NET steps: <c>NormalizeMeanVariance</c> (when
    /// <see cref="RegressionHeadContext.Standardize"/>) and a linear regression model holding the weights of the scaled
    /// features and the intercept (<see cref="ExactLinearModel"/>; <c>Score</c> = intercept + Σ w_j · scaled x_j).
    /// </summary>
    /// <exception cref="InvalidOperationException">A weight or the intercept is not finite in float.</exception>
    internal static TransformerChain<RegressionPredictionTransformer<LinearRegressionModelParameters>> FitExact(MLContext ml, IDataView data,
        RegressionHeadContext context, float l2)
    {
        var (rows, labels) = Read(data, context);
        var ridge = RidgeRegression.Prepare(rows, labels, context.Standardize);
        var weights = ridge.Weights(RidgeRegression.AlphaOfSdcaL2(l2, ridge.Rows));
        var intercept = (float)ridge.Intercept(weights);
        var saved = weights.Select(w => (float)w).ToArray();
        if (!saved.Append(intercept).All(float.IsFinite))
            throw new InvalidOperationException($"The ridge fit at L2 {l2} has a weight or intercept beyond float range (intercept {intercept}, largest weight {saved.Max(Math.Abs)}).");
        var type = (VectorDataViewType)data.Schema[context.FeatureColumn].Type;
        var linear = ExactLinearModel.Fit(ml, context.FeatureColumn, type, saved, intercept);
        return context.Standardize
            ? new(ml.Transforms.NormalizeMeanVariance(context.FeatureColumn).Fit(data), linear)
            : new(linear);
    }

    /// <summary>
    /// SDCA (on data too large for the closed form) at the first strength of <paramref name="ranked"/> at which its weights
    /// stay finite (at a tiny penalty they can go non-finite; ML.NET then refuses the model); SDCA's own choice when every
    /// one diverges or none is given (strength null).
    /// </summary>
    internal static (ITransformer Model, float? L2) FitSdca(MLContext ml, IDataView data, RegressionHeadContext context, IReadOnlyList<float> ranked)
    {
        foreach (var l2 in ranked)
            if (TryFit(ml, data, context, l2) is { } fitted) return (fitted, l2);
        return (Estimator(ml, context, null).Fit(data), null);
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

    /// <summary>
    /// Whether the features are a known-size float vector, the rows or the features at most <see cref="MaximumClosedFormSize"/>
    /// and their product at most <see cref="MaximumClosedFormValues"/>.
    /// </summary>
    private static bool FitsClosedForm(IDataView data, RegressionHeadContext context)
    {
        if (data.Schema[context.FeatureColumn].Type is not VectorDataViewType { IsKnownSize: true, ItemType: var item } vector || item != NumberDataViewType.Single)
            return false;
        var rows = data.GetRowCount() ?? CountRows(data);
        return Math.Min(rows, vector.Size) <= MaximumClosedFormSize && rows * vector.Size <= MaximumClosedFormValues;
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
        var getRow = VectorGetter(cursor, features);
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
