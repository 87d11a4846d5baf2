// begin-snippet: screening-bad-images
using MlNetTransfer.Datasets;
// end-snippet
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Samples;

/// <summary>README "Bad images in your own pipeline": the console app's screen as one call on any view.</summary>
public static class ScreeningBadImages
{
    public static string Run(SampleData data, string folder)
    {
        // Six good images and two bad ones (an empty file and a truncated PNG), as a user's folder may hold.
        var rows = Directory.GetDirectories(data.FashionTrain).Order(StringComparer.Ordinal).Take(2)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal).Take(3).Select(f => new ImageRow { ImagePath = f, Label = Path.GetFileName(d) }))
            .ToList();
        var empty = Path.Combine(folder, "empty.png");
        File.WriteAllBytes(empty, []);
        var truncated = Path.Combine(folder, "truncated.png");
        File.WriteAllBytes(truncated, File.ReadAllBytes(rows[0].ImagePath)[..40]);
        rows.Insert(2, new ImageRow { ImagePath = empty, Label = rows[0].Label });
        rows.Add(new ImageRow { ImagePath = truncated, Label = rows[^1].Label });
        var ml = new MLContext(seed: 0);
        var data0 = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.ExtractImageEmbeddings("Features", BuiltInBackbones.ResNet18, inputColumnName: "ImagePath"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        var found = new List<string>();

        // begin-snippet: screening-bad-images
        var screened = ml.Data.ScreenImages(data0, "ImagePath", BadInputPolicy.Skip, out var bad);
        foreach (var b in bad) found.Add($"left out row {b.Row}: '{b.Path}': {b.Problem}");
        using var model = (IDisposable)pipeline.Fit(screened);
        // end-snippet

        foreach (var line in found) Console.WriteLine(line);
        SampleData.Check(bad.Count == 2 && bad[0].Row == 2 && bad[1].Row == 7, $"the two bad rows found ({string.Join("; ", found)})");
        SampleData.Check(screened.GetColumn<string>("ImagePath").Count() == 6, "six rows left");
        try
        {
            ml.Data.ScreenImages(data0, "ImagePath", BadInputPolicy.Fail, out _);
            SampleData.Check(false, "Fail throws");
        }
        catch (UserInputException e)
        {
            SampleData.Check(e.Message.Contains("empty.png", StringComparison.Ordinal), $"Fail names the file: {e.Message}");
        }
        return $"{bad.Count} bad images left out, the pipeline fitted on the other {rows.Count - bad.Count}";
    }
}
