using System.Text.Json;
using MlNetTransfer.DomainAdaptation;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// The alignments and the shift statistics against the references written by Fixtures/make_domain_adaptation_fixtures.py
/// (numpy 1.24, scipy 1.10, scikit-learn 1.2.1): CORAL by the paper's formula with scipy.linalg.sqrtm, subspace alignment
/// with sklearn's PCA, MMD² and its median bandwidth with numpy, roc_auc_score, ks_2samp, and the domain classifier's
/// logistic regression against sklearn's LogisticRegression(C=1).
/// </summary>
public sealed class DomainAdaptationFixtureTests
{
    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "DomainAdaptation", "Fixtures", "domain_adaptation_fixtures.json"))).RootElement);

    private static JsonElement Case(string name) => Root.Value.GetProperty(name);

    private static float[][] Rows(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray()).ToArray();

    private static double[][] Doubles(JsonElement e) => e.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    /// <summary>Every value within <paramref name="tolerance"/> times the largest absolute expected value (at least 1).</summary>
    private static void Close(double[][] expected, IReadOnlyList<float[]> actual, double tolerance)
    {
        var scale = Math.Max(1, expected.Max(r => r.Max(Math.Abs)));
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (var j = 0; j < expected[i].Length; j++)
                Assert.True(Math.Abs(expected[i][j] - actual[i][j]) <= tolerance * scale, $"[{i}][{j}]: expected {expected[i][j]}, got {actual[i][j]}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Coral_equals_the_papers_formula_with_scipy_sqrtm(bool standardize)
    {
        var c = Case("coral");
        var source = Rows(c.GetProperty("source"));
        var fitted = new CoralAlignment(new CoralOptions { Regularization = c.GetProperty("eps").GetDouble(), Standardize = standardize })
            .Fit(source, Rows(c.GetProperty("target")));
        var mode = standardize ? "standardized" : "raw";
        var d = source[0].Length;
        var matrix = Enumerable.Range(0, d).Select(r => fitted.Source.Matrix!.AsSpan(r * d, d).ToArray()).ToArray();
        Close(Doubles(c.GetProperty(mode + "_matrix")), matrix, 1e-5);
        Close(Doubles(c.GetProperty(mode + "_mapped_source")), fitted.Source.Apply(source), 1e-5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Subspace_alignment_equals_sklearn_pca_bases(int k)
    {
        var c = Case("subspace");
        var source = Rows(c.GetProperty("source"));
        var target = Rows(c.GetProperty("target"));
        var expected = c.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("k").GetInt32() == k);
        var fitted = new SubspaceAlignment(new SubspaceAlignmentOptions { Components = k }).Fit(source, target);
        Close(Doubles(expected.GetProperty("mapped_source")), fitted.Source.Apply(source), 1e-5);
        Close(Doubles(expected.GetProperty("mapped_target")), fitted.Target.Apply(target), 1e-5);
    }

    [Fact]
    public void Mmd_and_its_median_bandwidth_equal_numpy()
    {
        var c = Case("mmd");
        var (mmd2, bandwidth) = ShiftDiagnostics.MaximumMeanDiscrepancy(Rows(c.GetProperty("source")), Rows(c.GetProperty("target")));
        Assert.Equal(c.GetProperty("bandwidth").GetDouble(), bandwidth, 1e-12);
        Assert.Equal(c.GetProperty("mmd2").GetDouble(), mmd2, 1e-12);
        Assert.True(mmd2 > 0.05);
    }

    [Fact]
    public void Auc_with_ties_equals_sklearn_roc_auc_score()
    {
        var c = Case("auc");
        var scores = c.GetProperty("scores").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var labels = c.GetProperty("labels").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
        Assert.Equal(c.GetProperty("auc").GetDouble(), ShiftDiagnostics.RocAuc(scores, labels), 1e-12);
        Assert.Equal(1.0, ShiftDiagnostics.RocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]));
        Assert.Equal(0.5, ShiftDiagnostics.RocAuc([0.3, 0.3, 0.3, 0.3], [false, true, false, true]));
    }

    [Fact]
    public void Domain_classifier_logistic_regression_equals_sklearn_with_C_1()
    {
        var c = Case("logistic");
        var x = Doubles(c.GetProperty("x"));
        var y = c.GetProperty("y").EnumerateArray().Select(v => (double)v.GetInt32()).ToArray();
        var (weights, intercept) = DomainClassifier.Fit(x, y);
        var expected = c.GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], weights[j], 1e-5);
        Assert.Equal(c.GetProperty("intercept").GetDouble(), intercept, 1e-5);
    }

    [Fact]
    public void Kolmogorov_smirnov_with_ties_equals_scipy_ks_2samp()
    {
        var c = Case("ks");
        var a = c.GetProperty("a").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var b = c.GetProperty("b").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(c.GetProperty("statistic").GetDouble(), ShiftDiagnostics.KolmogorovSmirnov(a, b), 1e-12);
        Assert.Equal(1.0, ShiftDiagnostics.KolmogorovSmirnov([1, 2], [3, 4]));
    }
}
