using Microsoft.ML;

namespace MlNetTransfer.Samples;

/// <summary>An image path and its class, as an app would hold them.</summary>
public sealed class ImageRow
{
    public string ImagePath { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>The input of a model that reads one image: all a prediction needs.</summary>
public sealed class ImageInput
{
    public string ImagePath { get; set; } = "";
}

/// <summary>A text and its class.</summary>
public sealed class TextRow
{
    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>The data shipped in the repository's data/ folder, small enough for every sample to run in seconds.</summary>
public sealed class SampleData(string root)
{
    public string FashionTrain => Path.Combine(root, "fashion-mnist-small", "train");
    public string FashionTest => Path.Combine(root, "fashion-mnist-small", "test");
    public string SpamTrain => Path.Combine(root, "spam-assassin-small", "train.csv");
    public string SpamTest => Path.Combine(root, "spam-assassin-small", "test.csv");

    /// <summary>The first <paramref name="perClass"/> images of each class folder (<c>root/&lt;class&gt;/*.png</c>).</summary>
    public static IDataView ClassFolders(MLContext ml, string root, int perClass) => ml.Data.LoadFromEnumerable(
        Directory.GetDirectories(root).Order(StringComparer.Ordinal).SelectMany(folder => Directory.GetFiles(folder)
            .Order(StringComparer.Ordinal).Take(perClass)
            .Select(path => new ImageRow { ImagePath = path, Label = Path.GetFileName(folder) })).ToList());

    /// <summary>Fails the sample when <paramref name="condition"/> does not hold.</summary>
    public static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"sample check failed: {what}");
    }
}
