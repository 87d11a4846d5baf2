using System.Text.Json;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary><see cref="RegressionMetrics"/>: scikit-learn's definitions, undefined metrics as null with their reason, the same-outcome check.</summary>
public sealed class RegressionMetricsTests
{
    private static RegressionPrediction[] P(params float[] values) => values.Select((v, i) => new RegressionPrediction($"{i + 1}", v)).ToArray();

    [Fact]
    public void MatchesScikitLearnsDocumentedExample()
    {
        // scikit-learn's docs: r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.948..., mean_absolute_error = 0.5,
        // mean_squared_error = 0.375.
        var m = RegressionMetrics.Compute([3f, -0.5f, 2f, 7f], P(2.5f, 0f, 2f, 8f));
        Assert.Equal("regression", m.Task);
        Assert.Equal(4, m.Examples);
        Assert.Equal(0.9486081370449679, m.R2, 12);
        Assert.Equal(0.5, m.Mae, 12);
        Assert.Equal(Math.Sqrt(0.375), m.Rmse, 12);
        Assert.Equal(2.875, m.LabelMean, 12);
        Assert.Equal(Math.Sqrt((0.125 * 0.125 + 3.375 * 3.375 + 0.875 * 0.875 + 4.125 * 4.125) / 4), m.LabelStd, 12); // population (ddof 0)
        Assert.Null(m.R2Undefined);

        using var doc = JsonDocument.Parse(m.ToJson());
        Assert.Equal(["task", "examples", "r2", "mae", "rmse", "labelMean", "labelStd"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(m, RegressionMetrics.FromJson(m.ToJson()));
    }

    [Fact]
    public void WorseThanTheMean_IsANegativeR2()
    {
        var m = RegressionMetrics.Compute([1f, 2f, 3f], P(3f, 2f, 1f));
        Assert.Equal(1 - 8.0 / 2, m.R2, 12);
    }

    [Fact]
    public void ConstantTestLabels_LeaveR2Undefined_NullInTheJson_WithTheReason()
    {
        var m = RegressionMetrics.Compute([21.5f, 21.5f, 21.5f], P(20f, 21.5f, 23f));
        Assert.True(double.IsNaN(m.R2));
        Assert.Equal("the test labels are all 21.5: R² divides by their variance, 0", m.R2Undefined);
        Assert.Equal(1, m.Mae, 12);
        Assert.Equal(0, m.LabelStd);
        using var doc = JsonDocument.Parse(m.ToJson());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("r2").ValueKind);
        Assert.Equal(m.R2Undefined, doc.RootElement.GetProperty("r2Undefined").GetString());
        Assert.True(double.IsNaN(RegressionMetrics.FromJson(m.ToJson()).R2));
    }

    [Fact]
    public void ANonFinitePrediction_LeavesTheErrorMetricsUndefined_NamingTheExample()
    {
        var m = RegressionMetrics.Compute([1f, 2f, 3f], P(1f, float.NaN, 3f));
        Assert.True(double.IsNaN(m.R2) && double.IsNaN(m.Mae) && double.IsNaN(m.Rmse));
        Assert.Equal("the model gave a non-finite prediction for 1 example(s) (first: '2')", m.MaeUndefined);
        Assert.Equal(m.MaeUndefined, m.R2Undefined);
        Assert.Equal(m.MaeUndefined, m.RmseUndefined);
        var json = m.ToJson();
        Assert.Contains("\"mae\": null", json);
        Assert.Contains("\"labelMean\": 2", json);
    }

    [Fact]
    public void SameOutcome_AllowsTheStatedRelativeTolerance_AndNoMore()
    {
        var a = RegressionMetrics.Compute([1f, 2f, 3f, 10f], P(1.5f, 2f, 2.5f, 9f));
        Assert.True(a.HasSameOutcomeAs(a with { Mae = a.Mae * (1 + 0.5 * RegressionMetrics.DefaultTolerance) }));
        Assert.False(a.HasSameOutcomeAs(a with { Mae = a.Mae * (1 + 3 * RegressionMetrics.DefaultTolerance) + 3 * RegressionMetrics.DefaultTolerance }));
        Assert.False(a.HasSameOutcomeAs(a with { Examples = 5 }));
        Assert.False(a.HasSameOutcomeAs(a with { R2 = double.NaN }));
        var constant = RegressionMetrics.Compute([2f, 2f], P(1f, 3f));
        Assert.True(constant.HasSameOutcomeAs(constant with { }));
    }

    [Fact]
    public void NoExamples_IsAUserError()
    {
        Assert.Throws<UserInputException>(() => RegressionMetrics.Compute([], []));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1f], P(1f, 2f)));
    }
}
