using System.Globalization;

namespace MlNetTransfer.Cli.Tests;

/// <summary>The data shipped in data/ (copied next to the test assembly), scratch folders and small parsers.</summary>
internal static class TestData
{
    public static string FashionTrain => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small", "train");

    public static string FashionTest => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small", "test");

    /// <summary>200 older SpamAssassin emails (100 spam) for training, 100 held-out ones (50 spam): id,group,label,text.</summary>
    public static string SpamTrain => Path.Combine(AppContext.BaseDirectory, "data", "spam-assassin-small", "train.csv");

    public static string SpamTest => Path.Combine(AppContext.BaseDirectory, "data", "spam-assassin-small", "test.csv");

    /// <summary>Palmer penguins (344 rows): Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex; some cells empty.</summary>
    public static string Penguins => Path.Combine(AppContext.BaseDirectory, "data", "penguins", "penguins.csv");

    /// <summary>Seattle weather (1,461 days): date,precipitation,temp_max,temp_min,wind,weather.</summary>
    public static string SeattleWeather => Path.Combine(AppContext.BaseDirectory, "data", "seattle-weather", "seattle-weather.csv");

    public static string Resnet18Onnx => Path.Combine(AppContext.BaseDirectory, "onnx-models", "resnet18.onnx");

    /// <summary>The ten Fashion-MNIST class names, sorted ordinally (the order the app gives labels).</summary>
    public static IReadOnlyList<string> FashionLabels =>
        Directory.GetDirectories(FashionTest).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Every image of a class-folder tree as (full path, label).</summary>
    public static IReadOnlyList<(string Path, string Label)> Images(string root) =>
        Directory.GetDirectories(root).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d, "*.png").Order(StringComparer.Ordinal).Select(f => (f, Path.GetFileName(d)!)))
            .ToList();

    /// <summary>Copies the named class folders of <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static void CopyClasses(string from, string to, params string[] classes)
    {
        foreach (var c in classes)
        {
            Directory.CreateDirectory(System.IO.Path.Combine(to, c));
            foreach (var f in Directory.GetFiles(System.IO.Path.Combine(from, c)))
                File.Copy(f, System.IO.Path.Combine(to, c, System.IO.Path.GetFileName(f)));
        }
    }

    public static double ParseDouble(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Reads a CSV (RFC 4180, with CsvHelper) into its header and rows; every row must have the header's width.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<IReadOnlyList<string>>();
        while (parser.Read()) records.Add(parser.Record!);
        Assert.NotEmpty(records);
        var header = records[0];
        var rows = records.Skip(1).ToList();
        for (var r = 0; r < rows.Count; r++)
            Assert.True(rows[r].Count == header.Count, $"{path} row {r + 1} has {rows[r].Count} fields, the header {header.Count}.");
        return (header, rows);
    }
}

/// <summary>A fresh folder under the system temp folder, deleted on dispose; <see cref="RunProcess"/> runs the app with it as working directory.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnet-transfer-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary><c>&lt;name&gt;/bag</c> and <c>&lt;name&gt;/coat</c> with <paramref name="perClass"/> shipped images each; returns the folder.</summary>
    public string ImageFolder(string name = "data", int perClass = 3)
    {
        foreach (var label in new[] { "bag", "coat" })
        {
            Directory.CreateDirectory(this[System.IO.Path.Combine(name, label)]);
            foreach (var (path, _) in TestData.Images(TestData.FashionTrain).Where(i => i.Label == label).Take(perClass))
                File.Copy(path, this[System.IO.Path.Combine(name, label, System.IO.Path.GetFileName(path))]);
        }
        return this[name];
    }

    /// <summary>Writes <paramref name="lines"/> to <paramref name="name"/> here; returns its path.</summary>
    public string Csv(string name, params string[] lines)
    {
        File.WriteAllLines(this[name], lines);
        return this[name];
    }

    /// <summary>Runs the app in this process (<see cref="CliRunner.Run"/>): every path in <paramref name="args"/> must be absolute.</summary>
    public CliResult Run(params string[] args) => CliRunner.Run(args);

    /// <summary>Runs the real app as a process with this folder as its working directory, so relative paths land here.</summary>
    public CliResult RunProcess(params string[] args) => CliRunner.RunProcess(Path, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
