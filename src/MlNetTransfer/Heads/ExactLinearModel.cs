using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MlNetTransfer.Heads;

/// <summary>
/// A stock ML.NET linear regression model — a <c>RegressionPredictionTransformer</c> of <c>LinearRegressionModelParameters</c>,
/// what ML.NET's own regression trainers give, so a plain ML.NET app loads it — with given weights and bias, exactly.
/// ML.NET 5.0.1 has no public constructor for one, so it is trained by ML.NET's <c>OnlineGradientDescent</c> with squared
/// loss, learning rate 0.5 (not decreased), no L2, no averaging, no shuffling and one pass. Its update
/// (<c>AveragedLinearTrainer.TrainState.ProcessDataInstance</c>, dotnet/machinelearning src/Microsoft.ML.StandardTrainers/Standard/Online/AveragedLinear.cs,
/// with <c>SquaredLoss</c>) on a row x with label y, unless the loss (ŷ − y)² computed in float is 0, is w += u·x and
/// b += u with u = −0.5 · 2(ŷ − y) = y − ŷ: exact in float, doubling and halving being exact. The rows, for a width d,
/// are sparse: for each k, the one-hot row s·e_k labelled t_k / s (ŷ = b + w·(s·e_k) = 0 + 0, so w_k becomes s·(t_k / s)
/// = t_k and b becomes t_k / s), then the zero row labelled 0 (ŷ = b, so b goes back to exactly 0); last, a zero row
/// labelled with the bias (b becomes it): 2d + 1 rows. The scale s is 1, except 2^-80 for a target whose float square is
/// 0 (|t| ≤ 2^-75, a subnormal say: the loss would be 0 and the update skipped; t·2^80 is not so small) and 2 for one
/// above <c>float.MaxValue</c> / 2 (2(ŷ − y) would overflow); both scalings are exact. A bias above <c>float.MaxValue</c> / 2
/// is reached in two zero rows (labels b/2, then b). The fitted weights and bias are checked against the targets bit for
/// bit after training (a zero is saved as +0).
/// <para>
/// The one inexactness: a bias whose float square is 0 (|b| ≤ 2^-75 ≈ 2.6e-23) cannot be set (the last update would be
/// that small) and is saved as 0 (<see cref="SavedBias"/>): a difference of at most 2.6e-23 in every score.
/// </para>
/// </summary>
internal static class ExactLinearModel
{
    /// <summary>Targets whose float square is 0 are reached on one-hot rows of value 2^-TinyShift, labelled t·2^TinyShift.</summary>
    private const int TinyShift = 80;

    private const string TargetColumn = "exact-linear.label";

    private sealed class UnitRow
    {
        public VBuffer<float> Features { get; set; }

        public float Label { get; set; }
    }

    /// <summary>The bias the model holds for <paramref name="bias"/>: itself, or +0 when its float square is 0 (|bias| ≤ 2^-75, or −0).</summary>
    public static float SavedBias(float bias) => bias * bias == 0f ? 0f : bias;

    /// <summary>
    /// The linear model <c>Score = bias + Σ weights[j] · x[j]</c> on <paramref name="column"/> (typed <paramref name="type"/>),
    /// with every weight as given (−0 as +0) and the bias as <see cref="SavedBias"/> gives it.
    /// </summary>
    /// <param name="ml">The context the trainer runs in.</param>
    /// <param name="column">The feature column the model reads: a float vector of <c>weights.Count</c> slots.</param>
    /// <param name="type">The column's exact type (kept, dimensions included, so the model binds to the column it will score).</param>
    /// <param name="weights">One weight per slot, [d], d ≥ 1.</param>
    /// <param name="bias">The intercept.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a float vector of <c>weights.Count</c> slots, or the column is named as the trainer's label.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight or the bias is not finite.</exception>
    /// <exception cref="InvalidOperationException">ML.NET's trainer did not give the targets (that would be a change in ML.NET).</exception>
    public static RegressionPredictionTransformer<LinearRegressionModelParameters> Fit(MLContext ml, string column, VectorDataViewType type,
        IReadOnlyList<float> weights, float bias)
    {
        var d = weights.Count;
        if (type.ItemType != NumberDataViewType.Single || type.Size != d || d == 0)
            throw new ArgumentException($"The linear model of {d} weights needs a float vector of {d} slots, not {type}.", nameof(type));
        if (column == TargetColumn) throw new ArgumentException($"The feature column may not be named '{TargetColumn}'.", nameof(column));
        for (var j = 0; j < d; j++) CheckRange(weights[j], $"weight {j}");
        CheckRange(bias, "bias");

        var schema = SchemaDefinition.Create(typeof(UnitRow));
        schema[nameof(UnitRow.Features)].ColumnType = type;
        schema[nameof(UnitRow.Features)].ColumnName = column;
        schema[nameof(UnitRow.Label)].ColumnName = TargetColumn;
        var rows = ml.Data.LoadFromEnumerable(Rows(weights, bias), schema);
        var model = ml.Regression.Trainers.OnlineGradientDescent(new OnlineGradientDescentTrainer.Options
        {
            FeatureColumnName = column,
            LabelColumnName = TargetColumn,
            LearningRate = 0.5f,
            DecreaseLearningRate = false,
            L2Regularization = 0,
            Averaged = false,
            Shuffle = false,
            NumberOfIterations = 1,
        }).Fit(rows);

        var fitted = model.Model.Weights;
        var wrong = Enumerable.Range(0, d).Where(j => !SameBits(fitted[j], weights[j] == 0 ? 0f : weights[j])).ToList();
        if (wrong.Count > 0 || !SameBits(model.Model.Bias, SavedBias(bias)))
            throw new InvalidOperationException($"ML.NET's OnlineGradientDescent did not give the linear model asked for: " +
                $"{wrong.Count} of {d} weights differ (first: {string.Join(", ", wrong.Take(3).Select(j => $"weight {j} {fitted[j]:R} for {weights[j]:R}"))}), " +
                $"bias {model.Model.Bias:R} for {bias:R}.");
        return model;
    }

    /// <summary>s·e_k labelled w_k / s then the zero row labelled 0, for each k; then the zero row(s) taking the bias there.</summary>
    private static IEnumerable<UnitRow> Rows(IReadOnlyList<float> weights, float bias)
    {
        var d = weights.Count;
        for (var k = 0; k < d; k++)
        {
            var shift = Shift(weights[k]);
            yield return new UnitRow { Features = new VBuffer<float>(d, 1, [MathF.ScaleB(1f, shift)], [k]), Label = MathF.ScaleB(weights[k], -shift) };
            yield return Zero(d, 0f);
        }
        if (Math.Abs(bias) > float.MaxValue / 2) yield return Zero(d, bias / 2);
        yield return Zero(d, bias);
    }

    /// <summary>log2 of the one-hot row's value for target <paramref name="t"/>: −80 when t² underflows, 1 above MaxValue / 2, else 0.</summary>
    private static int Shift(float t) => t * t == 0f ? -TinyShift : Math.Abs(t) > float.MaxValue / 2 ? 1 : 0;

    private static UnitRow Zero(int d, float label) => new() { Features = new VBuffer<float>(d, 0, [], []), Label = label };

    private static void CheckRange(float value, string what)
    {
        if (!float.IsFinite(value))
            throw new ArgumentOutOfRangeException(what, value, $"A linear model's {what} must be a finite number.");
    }

    private static bool SameBits(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);
}
