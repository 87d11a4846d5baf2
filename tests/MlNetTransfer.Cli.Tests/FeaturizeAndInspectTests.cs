using System.Text.RegularExpressions;

namespace MlNetTransfer.Cli.Tests;

/// <summary>featurize, backbones and inspect of an ONNX file: no training needed.</summary>
public sealed class FeaturizeAndInspectTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Featurize_writes_512_resnet18_features_per_image()
    {
        _dir.Run("featurize", "--data", TestData.FashionTest, "--backbone", "resnet18", "--out", _dir["f.csv"]).Succeeded();
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(514, header.Count);
        Assert.Equal(["path_or_row", "label", .. Enumerable.Range(0, 512).Select(i => $"ImagePath.resnet18_{i}")], header);
        Assert.Equal(100, rows.Count);

        var images = TestData.Images(TestData.FashionTest);
        Assert.Equal(images.Select(i => (i.Path, i.Label)).Order(), rows.Select(r => (r[0], r[1])).Order());

        var features = rows.Select(r => r.Skip(2).Select(TestData.ParseDouble).ToArray()).ToList();
        Assert.All(features, f => Assert.All(f, v => Assert.True(double.IsFinite(v))));
        Assert.All(features, f => Assert.Contains(f, v => v != 0));
        Assert.True(features.Select(f => string.Join(',', f)).Distinct().Count() == 100, "every image should get its own embedding");

        // Each row's features belong to that row's image: featurizing one image alone gives the same vector.
        var (path, label) = images[57];
        Directory.CreateDirectory(_dir[Path.Combine("one", label)]);
        File.Copy(path, _dir[Path.Combine("one", label, "x.png")]);
        _dir.Run("featurize", "--data", _dir["one"], "--backbone", "resnet18", "--out", _dir["one.csv"]).Succeeded();
        var (_, single) = TestData.ReadCsv(_dir["one.csv"]);
        var alone = Assert.Single(single).Skip(2).Select(TestData.ParseDouble).ToArray();
        var inBatch = features[rows.ToList().FindIndex(r => r[0] == path)];
        for (var i = 0; i < alone.Length; i++)
            Assert.True(Math.Abs(alone[i] - inBatch[i]) <= 1e-4 * (1 + Math.Abs(inBatch[i])), $"slot {i}: {alone[i]} alone, {inBatch[i]} in the batch");
    }

    [Fact]
    public void Backbones_lists_resnet18_with_its_512_embedding()
    {
        var result = _dir.Run("backbones").Succeeded();
        var row = result.Stdout.Split('\n').FirstOrDefault(l => Regex.IsMatch(l, @"\bresnet18\b"));
        Assert.True(row is not null, result.Describe());
        Assert.Matches(@"\b512\b", row);
        Assert.Contains("image", row);
        Assert.DoesNotContain("missing", result.Stdout);
    }

    [Fact]
    public void Inspect_of_resnet18_onnx_shows_its_tensors_with_a_symbolic_batch()
    {
        Assert.True(File.Exists(TestData.Resnet18Onnx), TestData.Resnet18Onnx);
        var result = _dir.Run("inspect", TestData.Resnet18Onnx).Succeeded();
        Assert.Matches(@"(?m)^\s*input\s+image: float\[batch,3,224,224\]\s*$", result.Stdout);
        Assert.Matches(@"(?m)^\s*output\s+embedding: float\[batch,512\]\s*$", result.Stdout);
        Assert.Contains("\"embeddingSize\": 512", result.Stdout); // the manifest template
    }
}

/// <summary>inspect of a text encoder: the manifest beside it, or a text draft; never an image manifest for token ids.</summary>
public sealed class InspectTextModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string MiniLm => Path.Combine(AppContext.BaseDirectory, "onnx-models", "minilm.onnx");

    [Fact]
    public void Inspect_of_minilm_shows_the_manifest_beside_it()
    {
        Assert.True(File.Exists(MiniLm), MiniLm);
        var result = _dir.Run("inspect", MiniLm).Succeeded();
        Assert.Matches(@"(?m)^\s*input\s+input_ids: int64\[", result.Stdout);
        var flat = System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", ""); // long paths wrap anywhere
        Assert.Contains("Itsmanifest," + Path.ChangeExtension(MiniLm, ".json"), flat);
        Assert.Contains("\"kind\": \"text\"", result.Stdout);
        Assert.DoesNotContain("\"width\"", result.Stdout);
    }

    [Fact]
    public void Inspect_of_a_token_id_model_without_manifest_drafts_a_text_manifest()
    {
        var copy = _dir["encoder.onnx"];
        File.Copy(MiniLm, copy);
        var result = _dir.Run("inspect", copy).Succeeded();
        var flat = System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", " ");
        Assert.Contains("A text manifest to start from", flat);
        Assert.Contains("\"kind\": \"text\"", result.Stdout);
        Assert.Contains("\"vocab\": \"encoder.vocab.txt\"", result.Stdout);
        Assert.Contains("\"attentionMask\": \"attention_mask\"", result.Stdout);
        Assert.Contains("\"embeddingSize\": 384", result.Stdout);
        Assert.DoesNotContain("\"image\"", result.Stdout);
        Assert.DoesNotContain("224", result.Stdout);
    }
}
