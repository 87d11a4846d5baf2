using System.Globalization;
using System.Text;
using CsCheck;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Tests.Reliability;

/// <summary>
/// Random CSV files — random headers, quoting (good and broken), ragged rows, empty cells, NaN/∞, image-like paths,
/// huge cells, other encodings and stray non-UTF-8 bytes — given to <see cref="DatasetLoader.Load"/> with random
/// options: it either loads a consistent dataset or throws <see cref="UserInputException"/> naming the file. Any other
/// exception fails, and CsCheck shrinks the input to a small one it prints.
/// </summary>
public sealed class CsvFuzzTests : IDisposable
{
    private const int Iterations = 1500;

    private static readonly string[] Names = ["label", "Label", "LABEL", "text", "photo", "n", "x", "", " ", "a,b", "\"q\"", "é", "label "];

    private static readonly Gen<string> Plain = Gen.Char["abcxyz09 .,;\"'\t\r\n-"].Array[0, 8].Select(a => new string(a));

    private static readonly Gen<string> Cell = Gen.Frequency(
        (8, (IGen<string>)Plain),
        (2, Gen.String[0, 10]),
        (2, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("", " ", "NaN", "nan", "Infinity", "-Infinity", "∞", "-∞", "inf", "1e39", "-0", "1,5", "0x10", "1_000")),
        (3, Gen.OneOf("real.png", "missing.png", "sub/../real.png", "/nonexistent/x.jpg", "a\0.png", " real.png ", ".png", "..\\x.bmp", "real.PNG", "x.gif\n")),
        (2, Gen.OneOf(Names)),
        (1, Gen.Int[10_000, 200_000].Select(n => new string('w', n))));

    /// <summary>A rendered field: raw, quoted with doubled quotes, quoted and never closed, or padded with spaces.</summary>
    private static readonly Gen<string> Field = Gen.Select(Cell, Gen.Int[0, 9], (cell, style) => style switch
    {
        <= 4 => cell,
        <= 7 => "\"" + cell.Replace("\"", "\"\"") + "\"",
        8 => "\"" + cell,
        _ => "  " + cell + " ",
    });

    private static readonly Gen<string[]> Header = Gen.Frequency(
        (3, (IGen<string[]>)Gen.Frequency((3, (IGen<string>)Gen.OneOf(Names)), (1, Field)).Array[0, 5]),
        (1, Gen.Const(new[] { "photo", "label" })));

    /// <summary>Rows as wide as the header most of the time (so parsing gets past the ragged-row check), else ragged.</summary>
    private static readonly Gen<string> Csv = Header.SelectMany(header => Gen.Select(
        Gen.Frequency((3, (IGen<string[][]>)Field.Array[header.Length, header.Length].Array[0, 6]), (1, Field.Array[0, 6].Array[0, 6])),
        Gen.OneOf("\n", "\r\n", "\r"), Gen.Bool,
        (rows, newline, trailing) =>
            string.Join(newline, new[] { string.Join(",", header) }.Concat(rows.Select(r => string.Join(",", r)))) + (trailing ? newline : "")));

    /// <summary>The CSV's bytes: UTF-8, with a BOM, as UTF-16 or Latin-1, or UTF-8 with stray invalid bytes spliced in.</summary>
    private static readonly Gen<byte[]> Bytes = Gen.Select(Csv, Gen.Int[0, 6], Gen.Byte.Array[1, 6], Gen.Double.Unit, (csv, encoding, junk, at) =>
    {
        var utf8 = Encoding.UTF8.GetBytes(csv);
        return encoding switch
        {
            0 => [.. Encoding.UTF8.GetPreamble(), .. utf8],
            1 => Encoding.Unicode.GetBytes(csv),
            2 => Encoding.Latin1.GetBytes(csv),
            3 => [.. utf8.Take((int)(at * utf8.Length)), .. junk, 0xC3, .. utf8.Skip((int)(at * utf8.Length))],
            _ => utf8,
        };
    });

    private static readonly Gen<DatasetOptions> Options = Gen.Select(Gen.Int[0, 7], Gen.OneOf(Names), Gen.Bool, (kind, name, require) => kind switch
    {
        0 => new DatasetOptions { RequireLabels = require },
        1 => new DatasetOptions { LabelColumn = name, RequireLabels = require },
        2 => new DatasetOptions { TextColumns = [name], RequireLabels = require },
        3 => new DatasetOptions { ImageColumns = [name], RequireLabels = require },
        4 => new DatasetOptions { NumericColumns = [name], RequireLabels = require },
        5 => new DatasetOptions { ImageColumns = ["photo"], TextColumns = ["text"], NumericColumns = ["n"], RequireLabels = require },
        6 => new DatasetOptions { ImageColumns = ["photo"], RequireLabels = require },
        _ => new DatasetOptions(),
    });

    private readonly string _dir = TestData.TempDir();

    public CsvFuzzTests() =>
        File.Copy(TestData.Images(TestData.FashionTest, 1)[0].Path, Path.Combine(_dir, "real.png"));

    [Fact]
    public void RandomCsvFiles_LoadOrFailWithAUserErrorNamingTheFile()
    {
        Gen.Select(Bytes, Options).Sample((bytes, options) => LoadOrUserError(bytes, options),
            iter: Iterations, threads: 2,
            print: t => $"{t.Item2} with {FuzzPrint.Bytes(t.Item1)}");
    }

    /// <summary>Loads the bytes as a CSV file; throws (failing the sample) unless it loads consistently or fails with a UserInputException naming the file.</summary>
    private void LoadOrUserError(byte[] bytes, DatasetOptions options)
    {
        var file = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(file, bytes);
        try
        {
            var dataset = DatasetLoader.Load(file, options);
            Assert.True(dataset.Count > 0);
            Assert.NotEmpty(dataset.Columns);
            Assert.All(dataset.Columns, c => Assert.Equal(dataset.Count, c.Values.Count));
            Assert.All(dataset.Columns.Where(c => c.Role == ColumnRole.Numeric), c => Assert.Equal(dataset.Count, c.Numbers!.Count));
            Assert.All(dataset.Columns.Where(c => c.Role == ColumnRole.Image), c => Assert.All(c.Values, v => Assert.True(File.Exists(v), v)));
            if (dataset.Labels is not null)
                Assert.All(dataset.Labels, l => Assert.False(string.IsNullOrWhiteSpace(l)));
            else
                Assert.False(options.RequireLabels);
        }
        catch (UserInputException e)
        {
            Assert.True(e.Message.Contains(file, StringComparison.Ordinal), $"the error does not name '{file}': {e.Message}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
