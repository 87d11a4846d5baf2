using MlNetTransfer.FeatureSpace;

namespace MlNetTransfer.Tests.FeatureSpace;

/// <summary>
/// Exact PCA against scikit-learn 1.2.1's <c>PCA(svd_solver="full")</c> (Fixtures/pca_fixtures.json): components with
/// their signs, mean, explained variance and its ratio, the chosen k for a variance fraction, and transform, to 1e-4.
/// </summary>
public sealed class PrincipalComponentsTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("digits-k10")]
    [InlineData("digits-f0.9")]
    [InlineData("digits-f0.5")]
    [InlineData("digits30-k5")] // fewer rows than features: the Gram-matrix path
    [InlineData("digits30-f0.8")]
    [InlineData("iris-k2")]
    [InlineData("iris-f0.95")]
    [InlineData("iris-k4")]
    public void Fit_matches_scikit_learn(string name)
    {
        var expected = FeatureSpaceFixtures.Pca(name);
        var rows = FeatureSpaceFixtures.Rows(expected.GetProperty("data").GetString()!).Take(expected.GetProperty("rows").GetInt32()).ToList();
        var asked = expected.GetProperty("nComponents").GetDouble();
        var options = asked >= 1 ? PcaOptions.Count((int)asked) : PcaOptions.Fraction(asked);

        var pca = PrincipalComponents.Fit(rows, options);

        Assert.Equal(expected.GetProperty("chosen").GetInt32(), pca.ComponentCount);
        Assert.Equal(rows[0].Length, pca.FeatureCount);
        Close(FeatureSpaceFixtures.Vector(expected.GetProperty("mean")), pca.Mean, "mean");
        Close(FeatureSpaceFixtures.Vector(expected.GetProperty("explainedVariance")), pca.ExplainedVariance, "explained variance");
        Close(FeatureSpaceFixtures.Vector(expected.GetProperty("explainedVarianceRatio")), pca.ExplainedVarianceRatio, "explained variance ratio");
        var components = FeatureSpaceFixtures.Matrix(expected.GetProperty("components"));
        for (var c = 0; c < components.Length; c++) Close(components[c], pca.Components[c], $"component {c}");
        var transform = FeatureSpaceFixtures.Matrix(expected.GetProperty("transform"));
        for (var r = 0; r < transform.Length; r++) Close(transform[r], pca.Transform(rows[r]).Select(v => (double)v).ToArray(), $"transform of row {r}");
        Assert.Equal(pca.ExplainedVarianceRatio.Sum(), pca.ExplainedVarianceRatioSum, 12);
    }

    [Fact]
    public void A_fraction_is_exceeded_not_met_as_scikit_learn_chooses()
    {
        // cumsum 0.5, 0.8, 1.0: searchsorted(side="right") puts 0.8 after the equal cumulative ratio, so k = 3, not 2.
        Assert.Equal(3, PrincipalComponents.ComponentsFor([0.5, 0.3, 0.2], 0.8));
        Assert.Equal(2, PrincipalComponents.ComponentsFor([0.5, 0.3, 0.2], 0.79));
        Assert.Equal(1, PrincipalComponents.ComponentsFor([0.5, 0.3, 0.2], 0.2));
        Assert.Equal(3, PrincipalComponents.ComponentsFor([0.5, 0.3, 0.2], 0.9999999));
    }

    [Fact]
    public void Components_are_orthonormal_and_their_variance_is_the_projections_variance()
    {
        var rows = FeatureSpaceFixtures.Digits.Rows.Take(40).ToList(); // 40 rows of 64: the Gram path, 39 non-zero variances
        var pca = PrincipalComponents.Fit(rows, PcaOptions.Count(40)); // the 40th has no variance: completed orthonormally
        for (var a = 0; a < pca.ComponentCount; a++)
            for (var b = a; b < pca.ComponentCount; b++)
                Assert.Equal(a == b ? 1.0 : 0.0, pca.Components[a].Zip(pca.Components[b], (x, y) => x * y).Sum(), 1e-9);
        var projected = pca.Transform(rows);
        for (var c = 0; c < 39; c++)
        {
            var variance = projected.Sum(p => (double)p[c] * p[c]) / (rows.Count - 1);
            Assert.Equal(pca.ExplainedVariance[c], variance, variance * 1e-5);
        }
        Assert.Equal(0, pca.ExplainedVariance[39], 1e-9);
    }

    [Fact]
    public void More_components_than_rows_or_features_is_a_user_error_naming_the_limit()
    {
        var error = Assert.Throws<UserInputException>(() => PrincipalComponents.Fit(FeatureSpaceFixtures.Iris.Rows, PcaOptions.Count(5)));
        Assert.Contains("5 components", error.Message);
        Assert.Contains("--pca 5", error.Message);
        Assert.Contains("at most min(rows, features) = 4", error.Message);
    }

    [Fact]
    public void Ragged_or_non_finite_rows_are_user_errors_naming_the_row()
    {
        var ragged = Assert.Throws<UserInputException>(() => PrincipalComponents.Fit([[1f, 2f], [3f, 4f], [5f]], PcaOptions.Count(1)));
        Assert.Contains("row 2 has 1 features", ragged.Message);
        var nan = Assert.Throws<UserInputException>(() => PrincipalComponents.Fit([[1f, 2f], [3f, float.NaN], [5f, 6f]], PcaOptions.Count(1)));
        Assert.Contains("row 1", nan.Message);
        Assert.Throws<UserInputException>(() => PrincipalComponents.Fit([[1f, 2f]], PcaOptions.Count(1)));
    }

    [Theory]
    [InlineData("32", 32, null)]
    [InlineData("1", 1, null)]
    [InlineData("0.95", null, 0.95)]
    [InlineData("5e-1", null, 0.5)]
    public void Command_line_values_parse_as_a_count_or_a_fraction(string text, int? count, double? fraction)
    {
        Assert.True(PcaOptions.TryParse(text, out var options, out var problem), problem);
        Assert.Equal(count, options!.Components);
        Assert.Equal(fraction, options.VarianceFraction);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("0.0")]
    [InlineData("many")]
    [InlineData("")]
    public void Bad_command_line_values_say_what_was_expected(string text)
    {
        Assert.False(PcaOptions.TryParse(text, out var options, out var problem));
        Assert.Null(options);
        Assert.Contains($"(got '{text}')", problem);
        Assert.Contains("whole number of components", problem);
        Assert.Throws<ArgumentException>(() => new PcaFeatureSpaceTransform(new PcaOptions { Components = 2, VarianceFraction = 0.5 }));
    }

    private static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
