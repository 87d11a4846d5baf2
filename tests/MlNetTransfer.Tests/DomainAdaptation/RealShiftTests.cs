using Microsoft.ML;
using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;
using MlNetTransfer.Workflows;
using SkiaSharp;
using Xunit.Abstractions;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// The shift diagnostics on real embeddings: ResNet18 features of the shipped Fashion-MNIST test images. Two halves of
/// the set (the first and last five images of each class) read "no shift"; the first half against the second half with
/// every pixel inverted (255 − value) reads "strong shift", led by features that differ by several standard deviations.
/// </summary>
public sealed class RealShiftTests(ITestOutputHelper output)
{
    [Fact]
    public void Fashion_halves_read_no_shift_and_inverted_images_read_strong_shift()
    {
        var dir = TestData.TempDir();
        try
        {
            var first = Path.Combine(dir, "first");
            var second = Path.Combine(dir, "second");
            var inverted = Path.Combine(dir, "inverted");
            foreach (var classDir in Directory.GetDirectories(TestData.FashionTest).Order(StringComparer.Ordinal))
            {
                var label = Path.GetFileName(classDir);
                var files = Directory.GetFiles(classDir).Order(StringComparer.Ordinal).ToArray();
                Assert.Equal(10, files.Length);
                foreach (var (folder, part) in new[] { (first, files[..5]), (second, files[5..]) })
                {
                    Directory.CreateDirectory(Path.Combine(folder, label));
                    foreach (var f in part) File.Copy(f, Path.Combine(folder, label, Path.GetFileName(f)));
                }
                Directory.CreateDirectory(Path.Combine(inverted, label));
                foreach (var f in files[5..]) Invert(f, Path.Combine(inverted, label, Path.GetFileName(f)));
            }
            var ml = new MLContext(seed: 0);
            var firstData = DatasetLoader.Load(first);
            using var run = FeatureRun.Start(ml, firstData, new FeatureRunOptions { CacheDir = null });
            float[][] Features(Dataset data) => run.Materialize(data, "featurize").Select(v => v.DenseValues().ToArray()).ToArray();
            var a = Features(firstData);
            var b = Features(DatasetLoader.Load(second));
            var c = Features(DatasetLoader.Load(inverted));
            Assert.Equal(512, a[0].Length);

            var same = ShiftDiagnostics.Measure(a, b);
            var shifted = ShiftDiagnostics.Measure(a, c);
            output.WriteLine($"halves: AUC {same.DomainClassifierAuc:F3}, MMD² {same.MmdSquared:F4} (σ {same.MmdBandwidth:F2}), p {same.MmdPValue:F3}: {same.Explanation}");
            output.WriteLine($"inverted: AUC {shifted.DomainClassifierAuc:F3}, MMD² {shifted.MmdSquared:F4} (σ {shifted.MmdBandwidth:F2}), p {shifted.MmdPValue:F3}, " +
                $"top feature {shifted.MostDrifted[0].Index} ({shifted.MostDrifted[0].StandardizedMeanDifference:F2} sd): {shifted.Explanation}");

            Assert.Equal(ShiftVerdict.None, same.Verdict);
            Assert.True(same.DomainClassifierAuc < 0.6 && same.MmdPValue > 0.05, $"AUC {same.DomainClassifierAuc}, p {same.MmdPValue}");
            Assert.Equal(ShiftVerdict.Strong, shifted.Verdict);
            Assert.True(shifted.DomainClassifierAuc > 0.95 && shifted.MmdPValue <= 0.01, $"AUC {shifted.DomainClassifierAuc}, p {shifted.MmdPValue}");
            Assert.True(shifted.MostDrifted[0].StandardizedMeanDifference > 3 * same.MostDrifted[0].StandardizedMeanDifference);
            Assert.True(shifted.MmdSquared > 10 * same.MmdSquared);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="from"/> with every colour channel inverted (255 − value) as a PNG.</summary>
    private static void Invert(string from, string to)
    {
        using var bitmap = SKBitmap.Decode(from);
        using var inverted = new SKBitmap(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                inverted.SetPixel(x, y, new SKColor((byte)(255 - c.Red), (byte)(255 - c.Green), (byte)(255 - c.Blue)));
            }
        using var png = inverted.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(to, png.ToArray());
    }
}
