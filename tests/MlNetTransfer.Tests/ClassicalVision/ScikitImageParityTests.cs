using MlNetTransfer.ClassicalVision;

namespace MlNetTransfer.Tests.ClassicalVision;

/// <summary>
/// The feature math on gray arrays against scikit-image 0.19.3 (Fixtures/make_classical_fixtures.py): Sobel, uniform
/// LBP (codes exactly equal, ties included) and HOG, on five images (steps and flat regions, noise, a Fashion-MNIST
/// picture, a ramp with a disc, non-quantised floats; square and not).
/// </summary>
public sealed class ScikitImageParityTests
{
    public static TheoryData<string> GrayCases() => new(ClassicalFixtures.Cases("gray").Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(GrayCases))]
    public void Sobel_equals_skimage_filters(string name)
    {
        var @case = ClassicalFixtures.Case(name);
        var image = ClassicalFixtures.Grid(@case, "image");
        // The fixture rounds outputs to 10 significant digits; the values are at most 1.
        ClassicalFixtures.AssertClose(ClassicalFixtures.Numbers(@case.GetProperty("sobelH")), ClassicalFixtures.Flat(SobelFilter.Horizontal(image)), 1e-9, $"{name} sobel_h");
        ClassicalFixtures.AssertClose(ClassicalFixtures.Numbers(@case.GetProperty("sobelV")), ClassicalFixtures.Flat(SobelFilter.Vertical(image)), 1e-9, $"{name} sobel_v");
        ClassicalFixtures.AssertClose(ClassicalFixtures.Numbers(@case.GetProperty("sobel")), ClassicalFixtures.Flat(SobelFilter.Magnitude(image)), 1e-9, $"{name} sobel");
    }

    [Theory]
    [MemberData(nameof(GrayCases))]
    public void Uniform_lbp_codes_equal_skimage_local_binary_pattern(string name)
    {
        var @case = ClassicalFixtures.Case(name);
        var image = ClassicalFixtures.Grid(@case, "image");
        foreach (var setting in @case.GetProperty("lbp").EnumerateArray())
        {
            var (p, r) = (setting.GetProperty("p").GetInt32(), setting.GetProperty("r").GetDouble());
            var expected = setting.GetProperty("codes").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var actual = LocalBinaryPatterns.Uniform(image, p, r).Cast<int>().ToArray();
            var differing = Enumerable.Range(0, expected.Length).Where(i => expected[i] != actual[i]).ToList();
            Assert.True(differing.Count == 0, $"{name} P={p} R={r}: {differing.Count} codes differ, the first at {differing.FirstOrDefault()}: " +
                $"{(differing.Count > 0 ? actual[differing[0]] : 0)} against scikit-image's {(differing.Count > 0 ? expected[differing[0]] : 0)}");
            var histogram = LocalBinaryPatterns.UniformHistogram(image, p, r);
            Assert.Equal(p + 2, histogram.Length);
            for (var code = 0; code < p + 2; code++)
                Assert.Equal(expected.Count(c => c == code) / (double)expected.Length, histogram[code], 15);
        }
    }

    [Theory]
    [MemberData(nameof(GrayCases))]
    public void Hog_equals_skimage_feature_hog_with_L2_Hys(string name)
    {
        var @case = ClassicalFixtures.Case(name);
        var image = ClassicalFixtures.Grid(@case, "image");
        foreach (var setting in @case.GetProperty("hog").EnumerateArray())
        {
            var (orientations, cell, block) = (setting.GetProperty("orientations").GetInt32(), setting.GetProperty("pixelsPerCell").GetInt32(), setting.GetProperty("cellsPerBlock").GetInt32());
            var expected = ClassicalFixtures.Numbers(setting.GetProperty("values"));
            var actual = HistogramOfOrientedGradients.Compute(image, orientations, cell, block);
            Assert.Equal(HistogramOfOrientedGradients.Length(image.GetLength(0), image.GetLength(1), orientations, cell, block), actual.Length);
            ClassicalFixtures.AssertClose(expected, actual, 1e-6, $"{name} hog({orientations}, {cell}, {block})");
            Assert.Contains(actual, v => v > 0);
        }
    }

    [Fact]
    public void Gray_equals_skimage_rgb2gray_to_the_bit()
    {
        var fixture = ClassicalFixtures.Root.GetProperty("rgb2gray");
        var rgb = fixture.GetProperty("rgb").EnumerateArray().Select(t => t.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var expected = ClassicalFixtures.Numbers(fixture.GetProperty("gray"));
        for (var i = 0; i < rgb.Length; i++)
            Assert.Equal(expected[i], Grayscale.Of(rgb[i][0], rgb[i][1], rgb[i][2]));
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_value()
    {
        var image = new double[16, 16];
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalBinaryPatterns.Uniform(image, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalBinaryPatterns.Uniform(image, 8, 0));
        var e = Assert.Throws<ArgumentException>(() => HistogramOfOrientedGradients.Compute(new double[12, 40], 9, 8, 2));
        Assert.Contains("12x40", e.Message);
        Assert.Throws<ArgumentException>(() => ClassicalImageFeatures.Compute(new float[3 * 20 * 20]));
        Assert.Throws<ArgumentException>(() => Grayscale.FromPlanarRgb(new float[10], 2, 2));
    }

    [Fact]
    public void A_flat_image_has_no_edges_and_one_lbp_code()
    {
        var pixels = Enumerable.Repeat(128f, 3 * 16 * 16).ToArray();
        var features = ClassicalImageFeatures.Compute(pixels);
        Assert.Equal(ClassicalImageFeatures.Length, features.Length);
        Assert.Equal(1f, features[8]); // 128 falls in the ninth colour bin of red
        Assert.Equal(1f, features[48]); // every Sobel magnitude is 0
        Assert.All(features[64..76], v => Assert.Equal(0f, v)); // no orientation without an edge
        Assert.All(features[104..], v => Assert.Equal(0f, v)); // HOG of a flat image
        Assert.Equal(1f, features[76..86].Sum(), 5);
    }
}
