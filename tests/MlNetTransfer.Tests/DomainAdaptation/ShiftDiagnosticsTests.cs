using MlNetTransfer.DomainAdaptation;
using static MlNetTransfer.Tests.DomainAdaptation.AlignmentTestData;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// The shift diagnostics on synthetic data: two halves of one sample read "no shift"; a mean shift of 1 σ in three of 20
/// features reads "strong" and names those features; bad input is refused naming it.
/// </summary>
public sealed class ShiftDiagnosticsTests
{
    private static readonly float[][] Sample = Gaussian(600, 20, 0, seed: 5, mixingScale: 0);

    [Fact]
    public void Two_halves_of_one_sample_read_no_shift()
    {
        var report = ShiftDiagnostics.Measure(Sample[..300], Sample[300..]);
        Assert.True(report.DomainClassifierAuc < 0.6, $"AUC {report.DomainClassifierAuc}");
        Assert.True(report.MmdPValue > 0.05, $"p {report.MmdPValue}");
        Assert.Equal(ShiftVerdict.None, report.Verdict);
        Assert.StartsWith("No shift", report.Explanation);
        Assert.Contains("unlikely to help", report.Explanation);
        Assert.True(report.ProxyADistance < 0.5, $"proxy A-distance {report.ProxyADistance}");
        Assert.Equal(300, report.ClassifierRowsPerDomain);
        Assert.Equal(10, report.MostDrifted.Count);
        Assert.All(report.MostDrifted, d => Assert.True(d.StandardizedMeanDifference < 0.3));
    }

    [Fact]
    public void A_one_sigma_mean_shift_in_three_features_reads_strong_and_names_them()
    {
        int[] shifted = [3, 7, 11];
        var target = Gaussian(400, 20, 0, seed: 6, mixingScale: 0);
        foreach (var row in target)
            foreach (var j in shifted) row[j] += 1;
        var report = ShiftDiagnostics.Measure(Sample, target, new ShiftDiagnosticsOptions { TopDimensions = 3, Seed = 3 });
        Assert.True(report.DomainClassifierAuc >= 0.8, $"AUC {report.DomainClassifierAuc}");
        Assert.True(report.MmdPValue <= 0.05, $"p {report.MmdPValue}");
        Assert.Equal(ShiftVerdict.Strong, report.Verdict);
        Assert.Contains("likely to help", report.Explanation);
        Assert.Equal(shifted, report.MostDrifted.Select(d => d.Index).Order());
        Assert.All(report.MostDrifted, d => Assert.InRange(d.StandardizedMeanDifference, 0.8, 1.2));
        Assert.All(report.MostDrifted, d => Assert.InRange(d.KolmogorovSmirnov, 0.3, 0.5));
        Assert.Equal(400, report.ClassifierRowsPerDomain);
        Assert.True(report.ProxyADistance > 0.8, $"proxy A-distance {report.ProxyADistance}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_report_and_limits_are_kept()
    {
        var options = new ShiftDiagnosticsOptions { MaxRowsPerDomain = 150, Permutations = 50, Seed = 9 };
        var first = ShiftDiagnostics.Measure(Sample[..200], Sample[200..], options);
        var second = ShiftDiagnostics.Measure(Sample[..200], Sample[200..], options);
        Assert.Equal(first.DomainClassifierAuc, second.DomainClassifierAuc);
        Assert.Equal(first.MmdPValue, second.MmdPValue);
        Assert.Equal(first.MostDrifted, second.MostDrifted);
        Assert.Equal(150, first.ClassifierRowsPerDomain);
        Assert.Equal((150, 150), (first.MmdSourceRows, first.MmdTargetRows));
        Assert.InRange(first.MmdPValue, 1.0 / 51, 1);
    }

    [Fact]
    public void Bad_input_is_refused_naming_it()
    {
        float[][] none = [];
        Assert.Contains("no source rows", Assert.Throws<ArgumentException>(() => ShiftDiagnostics.Measure(none, Sample)).Message);
        Assert.Contains("no target rows", Assert.Throws<ArgumentException>(() => ShiftDiagnostics.Measure(Sample, none)).Message);
        Assert.Contains("Target row 0 has 2 features; the source rows have 20",
            Assert.Throws<ArgumentException>(() => ShiftDiagnostics.Measure(Sample, [[1f, 2f]])).Message);
        Assert.Contains("at least 5 target rows", Assert.Throws<UserInputException>(() => ShiftDiagnostics.Measure(Sample, Sample[..3])).Message);
        var nan = Sample[..20].Select(r => (float[])r.Clone()).ToArray();
        nan[4][2] = float.PositiveInfinity;
        Assert.Contains("row 4", Assert.Throws<UserInputException>(() => ShiftDiagnostics.Measure(Sample, nan)).Message);
        Assert.Contains("2 or more folds", Assert.Throws<ArgumentException>(() => ShiftDiagnostics.Measure(Sample, Sample, new ShiftDiagnosticsOptions { Folds = 1 })).Message);
    }
}
