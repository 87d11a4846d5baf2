using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Datasets;

public sealed class ImageCheckTests
{
    [Fact]
    public void FirstUndecodable_NamesTheCorruptImage_NotTheRowBeingRead()
    {
        var dir = TestData.TempDir();
        try
        {
            var good = TestData.Images(TestData.FashionTest, 1).Take(3).Select(i => i.Path).ToList();
            var corrupt = Path.Combine(dir, "corrupt.png");
            File.WriteAllBytes(corrupt, Enumerable.Range(0, 500).Select(i => (byte)(i * 7)).ToArray());
            List<string> paths = [good[0], good[1], corrupt, good[2]];
            var dataset = new Dataset(dir, paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);

            Assert.Equal($"could not read image '{corrupt}': the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated",
                ImageCheck.FirstUndecodable(dataset, fromRow: 0));
            Assert.Null(ImageCheck.FirstUndecodable(dataset, fromRow: 3));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// A PNG whose signature and IHDR header are intact and whose pixel data is garbage: the header check passes it (nothing is
    /// decoded), decoding refuses it. So the screen under Fail (headers only: the engine decodes each image once and names such
    /// a file) lets it through, and under Skip (decodes) leaves it out, as before.
    /// </summary>
    [Fact]
    public void SoundHeaderWithCorruptPixels_PassesTheHeaderCheck_FailScreensHeaders_SkipDecodes()
    {
        var dir = TestData.TempDir();
        try
        {
            var good = TestData.Images(TestData.FashionTest, 1).Take(2).Select(i => i.Path).ToList();
            var corrupt = Path.Combine(dir, "corrupt-pixels.png");
            byte[] idat = [0, 0, 0, 64, .. "IDAT"u8, .. Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11)), 1, 2, 3, 4];
            byte[] iend = [0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82];
            File.WriteAllBytes(corrupt, [.. File.ReadAllBytes(good[0]).AsSpan(0, 33), .. idat, .. iend]); // signature + IHDR chunk, then garbage pixels
            List<string> paths = [good[0], corrupt, good[1]];
            var dataset = new Dataset(dir, paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);

            Assert.Null(ImageCheck.HeaderProblem(corrupt));
            Assert.Equal("the file is not a decodable image (png, jpg, bmp, gif, webp), or it is truncated", ImageCheck.Problem(corrupt));
            var (failKept, failBad) = BadInputScreen.Screen(dataset, BadInputPolicy.Fail);
            Assert.Empty(failBad);
            Assert.Equal(3, failKept.Count);
            var (skipKept, skipBad) = BadInputScreen.Screen(dataset, BadInputPolicy.Skip);
            Assert.Equal(corrupt, Assert.Single(skipBad).Path);
            Assert.Equal([good[0], good[1]], skipKept.Columns.Single().Values);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
