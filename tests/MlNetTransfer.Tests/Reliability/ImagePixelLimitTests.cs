using System.Buffers.Binary;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// Decompression bombs: an image whose header announces more than the pixel limit is refused from its header alone,
/// before any decode (the files below hold a huge header and almost no data, made in memory).
/// </summary>
public sealed class ImagePixelLimitTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Reliability", "Fixtures", "exif", name);

    /// <summary>A valid PNG header (IHDR) of width x height 8-bit grey pixels, one empty IDAT, IEND: a few dozen bytes.</summary>
    internal static byte[] PngHeader(int width, int height)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth; colour type 0 (grey), no interlace
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]); // zlib of nothing
        Chunk(png, "IEND", []);
        return [.. png];
    }

    /// <summary>A real JPEG with its SOF0 width and height patched: the header says width x height, the data is 48x32's.</summary>
    private static byte[] JpegHeader(int width, int height)
    {
        var jpeg = File.ReadAllBytes(Fixture("upright.jpg"));
        for (var i = 2; i + 9 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        throw new InvalidOperationException("no SOF0");
    }

    /// <summary>A BMP header (BITMAPINFOHEADER, 24 bits) of width x height with no pixel data.</summary>
    private static byte[] BmpHeader(int width, int height)
    {
        var bmp = new byte[54];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }

    /// <summary>A GIF89a of width x height: a two-colour palette and one frame whose LZW data is only clear + end codes.</summary>
    private static byte[] GifHeader(int width, int height)
    {
        var gif = new List<byte>("GIF89a"u8.ToArray());
        void Size()
        {
            gif.AddRange(BitConverter.GetBytes((ushort)width));
            gif.AddRange(BitConverter.GetBytes((ushort)height));
        }
        Size();
        gif.AddRange([0x80, 0, 0, 0, 0, 0, 255, 255, 255]); // global palette of 2 colours
        gif.AddRange([0x2C, 0, 0, 0, 0]);
        Size();
        gif.AddRange([0, 2, 1, 0x2C, 0, (byte)';']); // LZW minimum code size 2; one block: clear (4), end (5)
        return [.. gif];
    }

    /// <summary>A lossless WebP (RIFF, VP8L) whose bitstream header says width x height, with no image data after it.</summary>
    private static byte[] WebpHeader(int width, int height)
    {
        var webp = new byte[26];
        "RIFF"u8.CopyTo(webp);
        BinaryPrimitives.WriteInt32LittleEndian(webp.AsSpan(4), 18);
        "WEBPVP8L"u8.CopyTo(webp.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(webp.AsSpan(16), 6);
        webp[20] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), (uint)(width - 1) | (uint)(height - 1) << 14);
        return webp;
    }

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.AddRange(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.AddRange(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.AddRange(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    [InlineData("bmp")]
    [InlineData("gif")]
    [InlineData("webp")]
    public void HeaderAboveTheDefaultLimit_IsRefusedBeforeDecoding(string format)
    {
        // 10000 x 9000 = 90,000,000 > 89,478,485 (Pillow's MAX_IMAGE_PIXELS)
        var bytes = format switch
        {
            "png" => PngHeader(10000, 9000),
            "jpg" => JpegHeader(10000, 9000),
            "gif" => GifHeader(10000, 9000),
            "webp" => WebpHeader(10000, 9000),
            _ => BmpHeader(10000, 9000),
        };
        var path = Write($"bomb.{format}", bytes);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var problem = ImageCheck.Problem(path);
        Assert.Equal("the image is 10000x9000 = 90,000,000 pixels, more than the limit of 89,478,485 (a decompression bomb?); "
            + "if it is genuine, raise the limit with --max-image-pixels (MaxImagePixels)", problem);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 10_000_000, "the pixels were allocated");
    }

    [Fact]
    public void TheLimit_IsInclusive_AndCanBeRaisedOrLowered()
    {
        var path = Fixture("upright.jpg"); // 48 x 32 = 1536 pixels
        Assert.Null(ImageCheck.Problem(path, maxImagePixels: 1536));
        Assert.Contains("48x32 = 1,536 pixels, more than the limit of 1,535", ImageCheck.Problem(path, maxImagePixels: 1535));
        Assert.Null(ImageCheck.Problem(path));
    }

    [Fact]
    public void Screen_Skip_LeavesTheBombOut_AndFail_NamesIt()
    {
        var bomb = Write("bomb.png", PngHeader(30000, 30000));
        var good = Fixture("upright.jpg");
        var dataset = new Dataset("photos", [good, bomb], ["a", "b"], [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, [good, bomb])]);

        var (clean, bad) = BadInputScreen.Screen(dataset, BadInputPolicy.Skip);
        Assert.Equal([good], clean.Ids);
        Assert.Equal(bomb, Assert.Single(bad).Path);
        Assert.StartsWith("the image is 30000x30000 = 900,000,000 pixels", bad[0].Problem);

        var e = Assert.Throws<UserInputException>(() => BadInputScreen.Screen(dataset, BadInputPolicy.Fail));
        Assert.Contains($"'{bomb}': the image is 30000x30000", e.Message);
        Assert.Contains("--on-bad-input skip", e.Message);
    }
}
