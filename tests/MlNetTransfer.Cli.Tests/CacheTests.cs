namespace MlNetTransfer.Cli.Tests;

/// <summary>The embedding cache through the CLI: a second train reads every embedding from it; info and clear.</summary>
public sealed class CacheTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InfoAndClear_OnAFolderThatDoesNotExist_CreateNothing()
    {
        var folder = _dir["new-cache"];
        var info = _dir.Run("cache", "info", "--cache-dir", folder).Succeeded();
        Assert.Contains("embeddings: 0", info.Stdout);
        Assert.Contains("does not exist yet", info.Stdout);
        Assert.False(Directory.Exists(folder), "cache info created the folder");
        var clear = _dir.Run("cache", "clear", "--cache-dir", folder).Succeeded();
        Assert.Contains("removed 0 embeddings", clear.Stdout);
        Assert.False(Directory.Exists(folder), "cache clear created the folder");
    }

    [Fact]
    public void SecondTrain_ReadsAllEmbeddingsFromTheCache_WithIdenticalMetrics()
    {
        TestData.CopyClasses(TestData.FashionTrain, _dir["train"], "trouser", "bag");
        TestData.CopyClasses(TestData.FashionTest, _dir["test"], "trouser", "bag");
        string[] Train(string name) => ["train", "--data", _dir["train"], "--test", _dir["test"], "--out", _dir[$"{name}.zip"],
            "--metrics-json", _dir[$"{name}.json"], "--cache-dir", _dir["cache"]];

        var first = _dir.Run(Train("first")).Succeeded();
        Assert.Contains("0 of 60 from the cache", first.Stdout);
        var second = _dir.Run(Train("second")).Succeeded();
        Assert.Contains("60 of 60 from the cache", second.Stdout);
        Assert.Contains("20 of 20 from the cache", second.Stdout);
        Assert.Equal(File.ReadAllText(_dir["first.json"]), File.ReadAllText(_dir["second.json"]));

        var info = _dir.Run("cache", "info", "--cache-dir", _dir["cache"]).Succeeded();
        Assert.Contains("embeddings: 80", info.Stdout);
        var clear = _dir.Run("cache", "clear", "--cache-dir", _dir["cache"]).Succeeded();
        Assert.Contains("removed 80 embeddings", clear.Stdout);

        var third = _dir.Run([.. Train("third"), "--no-cache"]).Succeeded();
        Assert.DoesNotContain("from the cache", third.Stdout);
        Assert.Contains("embeddings: 0", _dir.Run("cache", "info", "--cache-dir", _dir["cache"]).Succeeded().Stdout);
    }
}
