using CsCheck;
using MlNetTransfer.Datasets;
using MlNetTransfer.Workflows;
using SkiaSharp;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// Random bytes and mutated real images (bit flips, truncations, other formats' magic numbers) saved as .png or .jpg
/// go through <see cref="ImageCheck.FirstUndecodable"/> (which must return null or a message naming the file, never
/// throw) and through a featurize of a class folder holding them next to a good image (which must succeed or throw
/// <see cref="UserInputException"/> naming the file). Any other exception fails, with the input shrunk and printed.
/// </summary>
public sealed class ImageFuzzTests : IDisposable
{
    private static readonly byte[] Png = File.ReadAllBytes(TestData.Images(TestData.FashionTest, 1)[0].Path);

    private static readonly byte[] Jpeg = ToJpeg(Png);

    private static readonly byte[][] Magics =
    [
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A],
        [0xFF, 0xD8, 0xFF, 0xE0],
        "GIF89a"u8.ToArray(),
        "BM"u8.ToArray(),
        [.. "RIFF"u8, 0x40, 0, 0, 0, .. "WEBPVP8 "u8],
    ];

    /// <summary>(file bytes, extension).</summary>
    private static readonly Gen<(byte[] Bytes, string Extension)> Files = Gen.Select(
        Gen.Int[0, 4], Gen.Int[0, 4], Gen.Byte.Array[0, 2000], Gen.Int[0, int.MaxValue].Array[1, 24], Gen.OneOf(".png", ".jpg"),
        (kind, seed, random, positions, extension) =>
        {
            var source = seed % 2 == 0 ? Png : Jpeg;
            byte[] bytes = kind switch
            {
                0 => random,
                1 => Flip(source, positions, random),
                2 => source[..(positions[0] % source.Length)],
                3 => [.. Magics[seed], .. random],
                _ => [.. Flip(source, positions, random).AsSpan(0, Math.Max(1, positions[^1] % source.Length))],
            };
            return (bytes, extension);
        });

    private readonly string _dir = TestData.TempDir();

    [Fact]
    public void RandomImageFiles_DecodeOrAreNamed_ByImageCheck()
    {
        Files.Sample(file =>
        {
            var path = Write(Path.Combine(_dir, Guid.NewGuid().ToString("N")), file.Bytes, file.Extension);
            var dataset = new Dataset(_dir, [path], null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, [path])]);
            var message = ImageCheck.FirstUndecodable(dataset, 0);
            Assert.True(message is null || message.Contains(path, StringComparison.Ordinal), message);
        }, iter: 600, threads: 2, print: f => $"{f.Extension} {FuzzPrint.Bytes(f.Bytes, 300)}");
    }

    [Fact]
    public void RandomImageFiles_InAFolder_FeaturizeOrFailWithAUserErrorNamingTheFile()
    {
        var good = TestData.Images(TestData.FashionTest, 1)[0].Path;
        Files.Sample(file =>
        {
            var data = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
            var cls = Directory.CreateDirectory(Path.Combine(data, "cls")).FullName;
            File.Copy(good, Path.Combine(cls, "a-good.png"));
            var path = Write(Path.Combine(cls, "b-fuzz"), file.Bytes, file.Extension);
            var outCsv = Path.Combine(data, "features.csv");
            try
            {
                Assert.Equal(2, FeaturizeWorkflow.Run(new FeaturizeOptions { Data = data, Out = outCsv }));
                Assert.Equal(3, File.ReadAllLines(outCsv).Length);
            }
            catch (UserInputException e)
            {
                Assert.True(e.Message.Contains(path, StringComparison.Ordinal), $"the error does not name '{path}': {e.Message}");
            }
        }, iter: 6, threads: 1, print: f => $"{f.Extension} {FuzzPrint.Bytes(f.Bytes, 300)}");
    }

    private static string Write(string stem, byte[] bytes, string extension)
    {
        var path = stem + extension;
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A copy of <paramref name="source"/> with the bytes at <paramref name="positions"/> replaced by random ones.</summary>
    private static byte[] Flip(byte[] source, int[] positions, byte[] random)
    {
        var copy = (byte[])source.Clone();
        for (var i = 0; i < positions.Length; i++)
            copy[positions[i] % copy.Length] = random.Length == 0 ? (byte)(positions[i] >> 8) : random[i % random.Length];
        return copy;
    }

    private static byte[] ToJpeg(byte[] png)
    {
        using var image = SKImage.FromEncodedData(png);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
