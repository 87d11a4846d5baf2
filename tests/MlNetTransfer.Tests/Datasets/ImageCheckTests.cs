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
}
