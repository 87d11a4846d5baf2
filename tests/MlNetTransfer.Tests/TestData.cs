namespace MlNetTransfer.Tests;

/// <summary>The real data shipped in data/ (copied next to the test assembly) and scratch folders.</summary>
internal static class TestData
{
    public static string FashionTrain => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small", "train");

    public static string FashionTest => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist-small", "test");

    /// <summary>200 older SpamAssassin emails (100 spam) for training, 100 held-out ones: id,group,label,text.</summary>
    public static string SpamTrain => Path.Combine(AppContext.BaseDirectory, "data", "spam-assassin-small", "train.csv");

    public static string SpamTest => Path.Combine(AppContext.BaseDirectory, "data", "spam-assassin-small", "test.csv");

    /// <summary>1,461 days of Seattle weather (NOAA via vega-datasets): date,precipitation,temp_max,temp_min,wind,weather.</summary>
    public static string SeattleWeather => Path.Combine(AppContext.BaseDirectory, "data", "seattle-weather", "seattle-weather.csv");

    /// <summary>344 Palmer penguins (vega-datasets): Species,Island,Beak Length (mm),Beak Depth (mm),Flipper Length (mm),Body Mass (g),Sex.</summary>
    public static string Penguins => Path.Combine(AppContext.BaseDirectory, "data", "penguins", "penguins.csv");

    /// <summary>
    /// Windows of 32 readings of four sensor motes (data/sensor-series, CC BY 4.0): start_reading,mote,temperature,humidity,
    /// the two last ';'-separated series; 404 windows (the first 70% of each mote's, in time) for training.
    /// </summary>
    public static string SensorTrain => Path.Combine(AppContext.BaseDirectory, "data", "sensor-series", "train.csv");

    /// <summary>The 180 later windows of the four motes (42, 42, 48, 48).</summary>
    public static string SensorTest => Path.Combine(AppContext.BaseDirectory, "data", "sensor-series", "test.csv");

    /// <summary>The first <paramref name="perClass"/> images of each class folder, sorted, as (path, label).</summary>
    public static IReadOnlyList<(string Path, string Label)> Images(string root, int perClass) =>
        Directory.GetDirectories(root).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal).Take(perClass).Select(f => (f, Path.GetFileName(d))))
            .ToList();

    /// <summary>Copies the given classes of the shipped train and test folders into dir/train and dir/test.</summary>
    public static (string Train, string Test) CopyClasses(string dir, params string[] labels)
    {
        foreach (var (split, source) in new[] { ("train", FashionTrain), ("test", FashionTest) })
            foreach (var label in labels)
            {
                var target = Directory.CreateDirectory(Path.Combine(dir, split, label)).FullName;
                foreach (var f in Directory.GetFiles(Path.Combine(source, label))) File.Copy(f, Path.Combine(target, Path.GetFileName(f)));
            }
        return (Path.Combine(dir, "train"), Path.Combine(dir, "test"));
    }

    /// <summary>ML.NET's SchemaShape.Create is internal; estimators are checked as ML.NET's own tests do, through it.</summary>
    public static Microsoft.ML.SchemaShape ShapeOf(Microsoft.ML.DataViewSchema schema) =>
        (Microsoft.ML.SchemaShape)typeof(Microsoft.ML.SchemaShape).GetMethod("Create",
                System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, [typeof(Microsoft.ML.DataViewSchema)])!
            .Invoke(null, [schema])!;

    /// <summary>The repository's root: the folder above the test assembly that holds MlNetTransfer.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetTransfer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No MlNetTransfer.sln above '{AppContext.BaseDirectory}'.");
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlnet-transfer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
