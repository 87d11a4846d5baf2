using MathNet.Numerics.LinearAlgebra;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.FeatureSpace;
using static MlNetTransfer.Tests.DomainAdaptation.AlignmentTestData;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// Known answers of the linear alignments on synthetic shifted Gaussians, each through the saved ONNX step after a save
/// and reload: mean-std gives each domain mean 0 and std 1; CORAL gives the source the target's covariance (up to the
/// regulariser's known effect); subspace alignment's source matrix is P_s P_sᵀ P_t with k columns.
/// </summary>
public sealed class AlignmentTests
{
    private static readonly float[][] Source = Gaussian(1500, 6, 0, seed: 1);
    private static readonly float[][] Target = Gaussian(1200, 6, 3, seed: 2, mixingScale: 2);

    [Fact]
    public void Mean_std_maps_each_domain_to_mean_0_and_std_1()
    {
        var fitted = new MeanStdAlignment().Fit(Source, Target);
        Assert.Equal("mean-std", new MeanStdAlignment().Name);
        foreach (var (map, rows) in new[] { (fitted.Source, Source), (fitted.Target, Target) })
        {
            var mapped = ThroughSavedStep(map, rows);
            var mean = Mean(mapped);
            for (var j = 0; j < 6; j++)
            {
                Assert.Equal(0, mean[j], 1e-4);
                var std = Math.Sqrt(mapped.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
                Assert.Equal(1, std, 1e-4);
            }
        }
        Assert.Equal(6, fitted.OutputSize);
    }

    [Fact]
    public void Mean_std_floors_a_constant_feature_instead_of_dividing_by_zero()
    {
        var source = Source.Select(r => r.Append(5f).ToArray()).ToArray();
        var target = Target.Select(r => r.Append(-2f).ToArray()).ToArray();
        var fitted = new MeanStdAlignment().Fit(source, target);
        Assert.All(fitted.Target.Scale!, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(2, fitted.Values.Single(v => v.Key == "flooredFeatures").Value);
        Assert.All(fitted.Source.Apply(source), r => Assert.Equal(0, r[6]));
    }

    [Theory]
    [InlineData(true, 1.0)]
    [InlineData(false, 1.0)]
    [InlineData(true, 0.1)]
    public void Coral_gives_the_source_the_target_covariance_up_to_the_regulariser(bool standardize, double lambda)
    {
        var coral = new CoralAlignment(new CoralOptions { Regularization = lambda, Standardize = standardize });
        var fitted = coral.Fit(Source, Target);
        var mappedSource = ThroughSavedStep(fitted.Source, Source);
        var mappedTarget = standardize ? ThroughSavedStep(fitted.Target, Target) : Target;
        if (!standardize) Assert.True(fitted.Target.IsIdentity);

        // Aᵀ (C_s + λI) A = C_t + λI, so cov(mapped source) + λ AᵀA = cov(mapped target) + λI.
        var a = Matrix<double>.Build.Dense(6, 6, (r, c) => fitted.Source.Matrix![r * 6 + c]);
        var left = Matrix<double>.Build.DenseOfArray(Covariance(mappedSource)) + lambda * a.TransposeThisAndMultiply(a);
        var right = Matrix<double>.Build.DenseOfArray(Covariance(mappedTarget)) + lambda * Matrix<double>.Build.DenseIdentity(6);
        Assert.True((left - right).InfinityNorm() <= 1e-3 * right.InfinityNorm(), $"‖left − right‖ = {(left - right).InfinityNorm()}, ‖right‖ = {right.InfinityNorm()}");
        // The means match too.
        var meanS = Mean(mappedSource);
        var meanT = Mean(mappedTarget);
        for (var j = 0; j < 6; j++) Assert.Equal(meanT[j], meanS[j], 1e-3);
    }

    [Fact]
    public void Coral_with_a_small_regulariser_matches_the_target_covariance_itself()
    {
        var fitted = new CoralAlignment(new CoralOptions { Regularization = 1e-6, Standardize = false }).Fit(Source, Target);
        var mapped = fitted.Source.Apply(Source);
        var covS = Matrix<double>.Build.DenseOfArray(Covariance(mapped));
        var covT = Matrix<double>.Build.DenseOfArray(Covariance(Target));
        Assert.True((covS - covT).InfinityNorm() <= 1e-3 * covT.InfinityNorm(), $"{covS} vs {covT}");
        // Without CORAL they differ by far more.
        var before = Matrix<double>.Build.DenseOfArray(Covariance(Source));
        Assert.True((before - covT).InfinityNorm() > 0.3 * covT.InfinityNorm());
        Assert.Equal("coral(eps=0.0001,raw)", new CoralAlignment(new CoralOptions { Regularization = 1e-4, Standardize = false }).Name);
        Assert.Equal("coral", new CoralAlignment().Name);
        Assert.Equal(1e-6, fitted.Values.Single(v => v.Key == "regularization").Value);
    }

    [Fact]
    public void Subspace_alignment_source_matrix_is_the_source_basis_aligned_to_the_target()
    {
        const int k = 3;
        var fitted = new SubspaceAlignment(new SubspaceAlignmentOptions { Components = k }).Fit(Source, Target);
        Assert.Equal(k, fitted.OutputSize);
        Assert.Equal(k, fitted.Source.OutputSize);
        Assert.Equal(k, fitted.Values.Single(v => v.Key == "components").Value);
        var ps = Basis(PrincipalComponents.Fit(Source, PcaOptions.Count(k)), k);
        var pt = Basis(PrincipalComponents.Fit(Target, PcaOptions.Count(k)), k);
        // X_a = P_s P_sᵀ P_t (Fernando et al. 2013): the target basis projected onto the source subspace.
        var expected = ps * ps.TransposeThisAndMultiply(pt);
        for (var r = 0; r < 6; r++)
            for (var c = 0; c < k; c++)
            {
                Assert.Equal(expected[r, c], fitted.Source.Matrix![r * k + c], 1e-5);
                Assert.Equal(pt[r, c], fitted.Target.Matrix![r * k + c], 1e-5);
            }
        Assert.Equal(k, ThroughSavedStep(fitted.Source, Source)[0].Length);
        Assert.Equal(k, ThroughSavedStep(fitted.Target, Target)[0].Length);
    }

    [Fact]
    public void Subspace_alignment_of_a_mean_shift_maps_each_row_onto_its_shifted_twin()
    {
        var target = Source.Select(r => r.Select(v => v + 4f).ToArray()).ToArray();
        var fitted = new SubspaceAlignment(new SubspaceAlignmentOptions { Components = 4 }).Fit(Source, target);
        var mappedSource = fitted.Source.Apply(Source);
        var mappedTarget = ThroughSavedStep(fitted.Target, target);
        for (var i = 0; i < Source.Length; i += 50)
            for (var j = 0; j < 4; j++) Assert.Equal(mappedTarget[i][j], mappedSource[i][j], 1e-3);
        Assert.Equal(1, fitted.Values.Single(v => v.Key == "subspaceOverlap").Value, 1e-6);
    }

    [Fact]
    public void Subspace_alignment_default_k_explains_90_percent_of_the_source_variance()
    {
        var fitted = new SubspaceAlignment().Fit(Source, Target);
        var rule = PrincipalComponents.Fit(Source, PcaOptions.Fraction(0.9)).ComponentCount;
        Assert.Equal(rule, fitted.OutputSize);
        Assert.InRange(rule, 2, 5);
        Assert.True(fitted.Values.Single(v => v.Key == "sourceVarianceExplained").Value > 0.9);
        Assert.Equal("subspace-alignment", new SubspaceAlignment().Name);
    }

    [Fact]
    public void Wrong_input_is_refused_naming_it()
    {
        float[][] none = [];
        Assert.Contains("no source rows", Assert.Throws<ArgumentException>(() => new CoralAlignment().Fit(none, Target)).Message);
        Assert.Contains("no target rows", Assert.Throws<ArgumentException>(() => new MeanStdAlignment().Fit(Source, none)).Message);
        Assert.Contains("the source rows have 6", Assert.Throws<ArgumentException>(() => new SubspaceAlignment().Fit(Source, [[1f, 2f]])).Message);
        var wide = new[] { new float[4097], new float[4097] };
        wide[1][0] = 1;
        var coralWide = Assert.Throws<UserInputException>(() => new CoralAlignment().Fit(wide, wide)).Message;
        Assert.Contains("4096", coralWide);
        Assert.Contains("--text-featurizer minilm", coralWide);
        Assert.Contains("at most min(source rows, target rows, features) = 6",
            Assert.Throws<UserInputException>(() => new SubspaceAlignment(new SubspaceAlignmentOptions { Components = 7 }).Fit(Source, Target)).Message);
        Assert.Contains("at least 2 source rows", Assert.Throws<UserInputException>(() => new CoralAlignment().Fit([Source[0]], Target)).Message);
        var nan = Source.Take(5).Select(r => (float[])r.Clone()).ToArray();
        nan[3][1] = float.NaN;
        Assert.Contains("row 3", Assert.Throws<UserInputException>(() => new MeanStdAlignment().Fit(nan, Target)).Message);
        Assert.Contains("above 0", Assert.Throws<ArgumentException>(() => new CoralAlignment(new CoralOptions { Regularization = 0 })).Message);
        Assert.Contains("1 or more", Assert.Throws<ArgumentException>(() => new SubspaceAlignment(new SubspaceAlignmentOptions { Components = 0 })).Message);
    }

    private static Matrix<double> Basis(PrincipalComponents pca, int k) =>
        Matrix<double>.Build.Dense(pca.FeatureCount, k, (r, c) => pca.Components[c][r]);
}
