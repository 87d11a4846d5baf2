using MlNetTransfer.Datasets;
using MlNetTransfer.DomainAdaptation;
using SkiaSharp;

namespace MlNetTransfer.Tests.DomainAdaptation;

/// <summary>
/// Input-space alignment of source images: the content's box is found against the border's colour, cropped, padded to a
/// square with that colour and resampled to a target size; a data set's image paths are replaced by the aligned copies
/// (ids unchanged), and the copies are deleted with the owner.
/// </summary>
public sealed class ContentAlignedImagesTests
{
    /// <summary>A 40 x 30 grey (90) image with a white 10 x 4 block at (5, 20).</summary>
    private static SKBitmap Picture()
    {
        var bitmap = new SKBitmap(40, 30, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(new SKColor(90, 90, 90));
        using var paint = new SKPaint { Color = SKColors.White };
        canvas.DrawRect(SKRect.Create(5, 20, 10, 4), paint);
        return bitmap;
    }

    [Fact]
    public void Content_box_is_the_block_and_crop_pad_centres_it_in_a_square_of_the_background()
    {
        using var picture = Picture();
        var (box, background) = ContentAlignedImages.Content(picture);
        Assert.Equal(new SKRectI(5, 20, 15, 24), box);
        Assert.Equal(90, background.Red);

        using var square = ContentAlignedImages.Align(picture, InputAlignment.CropPad, null);
        Assert.Equal((10, 10), (square.Width, square.Height));
        Assert.Equal(90, square.GetPixel(5, 0).Red);   // padding above: background
        Assert.Equal(255, square.GetPixel(5, 4).Red);  // rows 3..6 hold the block
        Assert.Equal(90, square.GetPixel(5, 8).Red);

        using var small = ContentAlignedImages.Align(picture, InputAlignment.CropPadResample, (5, 5));
        Assert.Equal((5, 5), (small.Width, small.Height));
        Assert.True(small.GetPixel(2, 2).Red > 200, "the block's middle stays bright");
    }

    [Fact]
    public void Apply_replaces_image_paths_keeps_ids_and_deletes_the_copies_on_dispose()
    {
        var dir = TestData.TempDir();
        try
        {
            var path = Path.Combine(dir, "a.png");
            using (var picture = Picture())
            using (var png = picture.Encode(SKEncodedImageFormat.Png, 100))
                File.WriteAllBytes(path, png.ToArray());
            var data = new Dataset(dir, [path], ["x"], [new DatasetColumn("ImagePath", ColumnRole.Image, [path])]);
            Assert.Equal((40, 30), ContentAlignedImages.NativeSize(data));
            string copy;
            using (var aligned = new ContentAlignedImages())
            {
                Assert.Same(data, aligned.Apply(data, InputAlignment.None));
                var result = aligned.Apply(data, InputAlignment.CropPadResample, (8, 8));
                copy = result.Columns[0].Values[0];
                Assert.Equal(data.Ids, result.Ids);
                Assert.NotEqual(path, copy);
                using var written = SKBitmap.Decode(copy);
                Assert.Equal((8, 8), (written.Width, written.Height));
            }
            Assert.False(File.Exists(copy));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
