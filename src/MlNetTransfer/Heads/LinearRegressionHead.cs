using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// <c>linear</c>: linear least squares with an L2 penalty (ridge regression) by ML.NET's SDCA regression trainer, on
/// standardised features (<c>NormalizeMeanVariance</c>, unless <see cref="RegressionHeadContext.Standardize"/> is false for
/// sparse tf-idf parts). Ordinary least squares without a penalty would need Microsoft.ML.Mkl.Components, which is not
/// available here; a penalty is also what scikit-learn users reach for (Ridge / RidgeCV). Unless a strength is given,
/// it is chosen as scikit-learn's <c>RidgeCV</c> chooses alpha: the strength of <see cref="CandidateL2"/> with the least
/// cross-validated squared error (5 folds, seeded with <see cref="RegressionHeadContext.Seed"/>), then refitted on all
/// rows. Without it, SDCA's own choice lets 512 embedding dimensions fit 320 images' noise (R² −1.5 on held-out data,
/// BENCHMARKS.md "Regression").
/// </summary>
/// <param name="L2Regularization">The L2 penalty's strength (ML.NET's SDCA <c>l2Regularization</c>, per example); null: chosen by cross-validation.</param>
public sealed class LinearRegressionHead(float? L2Regularization = null) : IRegressionHeadTrainer
{
    /// <summary>The strengths cross-validation chooses from (SDCA's per-example <c>l2Regularization</c>).</summary>
    public static IReadOnlyList<float> CandidateL2 { get; } = [1e-4f, 1e-3f, 1e-2f, 1e-1f, 1f, 10f];

    /// <summary>Fewer training rows than this: no cross-validation, SDCA's own choice.</summary>
    public const int MinimumRowsForCrossValidation = 20;

    private const int Folds = 5;

    /// <summary>The L2 strength given at construction; null: chosen by cross-validation.</summary>
    public float? L2Regularization { get; } = L2Regularization;

    /// <inheritdoc />
    public string Name => "linear";

    /// <inheritdoc />
    public string Description => "linear regression with an L2 penalty (SDCA) on standardised features, the penalty chosen by 5-fold CV";

    /// <inheritdoc />
    public ITransformer Fit(MLContext ml, IDataView data, RegressionHeadContext context) =>
        Estimator(ml, context, L2Regularization ?? ChooseL2(ml, data, context)).Fit(data);

    /// <summary>
    /// The candidate strength with the least mean squared error over 5 cross-validation folds (a strength at which
    /// SDCA diverges is passed over); null (SDCA's own choice) when the data has fewer than
    /// <see cref="MinimumRowsForCrossValidation"/> rows or SDCA diverges at every strength.
    /// </summary>
    public static float? ChooseL2(MLContext ml, IDataView data, RegressionHeadContext context)
    {
        var rows = data.GetRowCount() ?? CountRows(data);
        if (rows < MinimumRowsForCrossValidation) return null;
        var errors = CandidateL2.Select(l2 => (L2: l2, Error: CrossValidatedError(ml, data, context, l2))).ToList();
        var best = errors.Where(e => double.IsFinite(e.Error)).OrderBy(e => e.Error).ToList();
        return best.Count == 0 ? null : best[0].L2;
    }

    /// <summary>
    /// Mean squared error over the folds; infinite when SDCA diverges at this strength (a tiny penalty on one
    /// feature can: ML.NET then refuses the non-finite weights with an <see cref="ArgumentOutOfRangeException"/>).
    /// </summary>
    private static double CrossValidatedError(MLContext ml, IDataView data, RegressionHeadContext context, float l2)
    {
        try
        {
            return ml.Regression.CrossValidate(data, Estimator(ml, context, l2), Folds, context.LabelColumn, seed: context.Seed)
                .Average(fold => fold.Metrics.MeanSquaredError);
        }
        catch (ArgumentOutOfRangeException e) when (e.Message.Contains("non-finite", StringComparison.Ordinal))
        {
            return double.PositiveInfinity;
        }
    }

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
