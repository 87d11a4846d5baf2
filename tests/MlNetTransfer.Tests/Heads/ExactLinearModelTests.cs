using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Heads;

namespace MlNetTransfer.Tests.Heads;

/// <summary>
/// <see cref="ExactLinearModel"/> builds a stock ML.NET linear regression model holding exactly the weights and bias asked
/// for — zero, negative zero, subnormal, tiny, huge, negative, ordinary — and it scores, saved and reloaded, as
/// bias + Σ w·x does in float.
/// </summary>
public sealed class ExactLinearModelTests
{
    private static readonly float[] Awkward =
    [
        0f, -0f, 1e-45f, -3e-40f, 1.5e-23f, -2.5e-38f, 1e-20f, 0.1f, -1f, 3.14159f, -4567.891f, 1e30f, -2e38f, float.MaxValue,
        -float.MaxValue, 1.7e38f, 0.7f, -0.3f,
    ];

    private static int Bits(float v) => BitConverter.SingleToInt32Bits(v);

    [Theory]
    [InlineData(2.5f)]
    [InlineData(-7.25e9f)]
    [InlineData(-3e38f)] // above MaxValue / 2: reached in two steps
    [InlineData(0f)]
    public void WeightsAndBias_AreHeldBitForBit(float bias)
    {
        var ml = new MLContext(0);
        var type = new VectorDataViewType(NumberDataViewType.Single, Awkward.Length);
        var model = ExactLinearModel.Fit(ml, "x", type, Awkward, bias).Model;
        Assert.Equal(Awkward.Select(w => Bits(w == 0 ? 0f : w)), model.Weights.Select(Bits));
        Assert.Equal(Bits(bias), Bits(model.Bias));
    }

    [Fact]
    public void ABiasWhoseSquareUnderflows_IsSavedAsZero_AndTheWeightsStayExact()
    {
        var ml = new MLContext(0);
        var type = new VectorDataViewType(NumberDataViewType.Single, 3);
        float[] weights = [1e-45f, -5f, 2e-30f];
        var model = ExactLinearModel.Fit(ml, "x", type, weights, 1e-30f).Model;
        Assert.Equal(0f, ExactLinearModel.SavedBias(1e-30f));
        Assert.Equal(Bits(0f), Bits(model.Bias));
        Assert.Equal(weights.Select(Bits), model.Weights.Select(Bits));
        Assert.Equal(Bits(3e-20f), Bits(ExactLinearModel.SavedBias(3e-20f)));
    }

    [Fact]
    public void ItScores_SavedAndReloaded_AsTheLinearFormulaInFloat()
    {
        // Weights of one sign and features of one sign: the float sum is well conditioned, so ML.NET's SIMD order and a
        // plain double sum agree to (d − 1) float roundings at most (2.3e-6 relative for d = 40); allowed 1e-5.
        var ml = new MLContext(0);
        const int d = 40;
        var random = new Random(3);
        var weights = Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 4)).ToArray();
        var rows = Enumerable.Range(0, 25).Select(_ => Enumerable.Range(0, d).Select(_ => (float)(random.NextDouble() * 10)).ToArray()).ToList();
        var type = new VectorDataViewType(NumberDataViewType.Single, d);
        var model = ExactLinearModel.Fit(ml, "x", type, weights, -12.5f);
        var data = new TableDataView(rows.Count).AddVector("x", rows, type);
        var path = Path.Combine(Path.GetTempPath(), $"exact-linear-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var scores = new MLContext(1).Model.Load(path, out _).Transform(data).GetColumn<float>(RegressionHead.Score).ToArray();
            for (var i = 0; i < rows.Count; i++)
            {
                var expected = -12.5 + rows[i].Zip(weights, (x, w) => (double)x * w).Sum();
                Assert.True(Math.Abs(scores[i] - expected) <= 1e-5 * Math.Abs(expected), $"row {i}: {scores[i]:R}, expected {expected:R}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WideModels_OverAThousandSlots_AreExactToo()
    {
        // ML.NET keeps sparse weights above 1,000 features; the one-hot rows set them all the same.
        var ml = new MLContext(0);
        var weights = Enumerable.Range(0, 1500).Select(i => i % 7 == 0 ? 0f : (i - 750) * 1.25e-3f).ToArray();
        var model = ExactLinearModel.Fit(ml, "x", new VectorDataViewType(NumberDataViewType.Single, weights.Length), weights, 0.5f).Model;
        Assert.Equal(weights.Select(Bits), model.Weights.Select(Bits));
    }

    [Fact]
    public void NonFiniteTargets_AndAMismatchedColumn_AreRefused()
    {
        var ml = new MLContext(0);
        var type = new VectorDataViewType(NumberDataViewType.Single, 2);
        Assert.Contains("weight 1", Assert.Throws<ArgumentOutOfRangeException>(() => ExactLinearModel.Fit(ml, "x", type, [1f, float.NaN], 0f)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactLinearModel.Fit(ml, "x", type, [1f, 2f], float.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => ExactLinearModel.Fit(ml, "x", type, [1f, 2f, 3f], 0f));
    }
}
