using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Engine;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dataset Images(int perClass)
    {
        var paths = TestData.Images(TestData.FashionTest, perClass).Select(i => i.Path).ToList();
        return new Dataset("test", paths, null, [new DatasetColumn(Dataset.ImagePathColumn, ColumnRole.Image, paths)]);
    }

    [Fact]
    public void SecondRun_ReadsEveryEmbeddingFromTheCache_AndRunsNoImage()
    {
        var data = Images(perClass: 1);
        float[][] first, second;
        using (var cache = EmbeddingCache.Open(_dir))
        using (var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, 4))
        {
            first = embedder.Embed(data, Dataset.ImagePathColumn, "first", cache: cache);
            Assert.Equal(10, embedder.ImagesRun);
            Assert.Equal(0, embedder.CacheHits);
            Assert.Equal(10, cache.Info().Entries);
        }
        var reports = new List<WorkflowProgress>();
        using (var cache = EmbeddingCache.Open(_dir)) // a new process would open it the same way
        using (var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, 4))
        {
            second = embedder.Embed(data, Dataset.ImagePathColumn, "second", new SynchronousProgress<WorkflowProgress>(reports.Add), cache: cache);
            Assert.Equal(0, embedder.ImagesRun);
            Assert.Equal(10, embedder.CacheHits);
        }
        Assert.Equal(first, second);
        Assert.Equal("10 of 10 from the cache", reports[^1].Detail);
    }

    [Fact]
    public void PartlyCachedData_RunsOnlyTheNewImages_InRowOrder()
    {
        var all = Images(perClass: 2);
        var half = all.Subset(Enumerable.Range(0, 20).Where(i => i % 2 == 0).ToList());
        using var cache = EmbeddingCache.Open(_dir);
        using var embedder = new BatchedImageEmbedder(BuiltInBackbones.ResNet18, 3);
        var uncached = embedder.Embed(all, Dataset.ImagePathColumn, "plain");
        embedder.Embed(half, Dataset.ImagePathColumn, "half", cache: cache);
        var before = embedder.ImagesRun;
        var mixed = embedder.Embed(all, Dataset.ImagePathColumn, "mixed", cache: cache);
        Assert.Equal(10, embedder.ImagesRun - before);
        Assert.Equal(10, embedder.CacheHits);
        Assert.Equal(uncached, mixed);
    }

    [Fact]
    public void OtherPreprocessing_IsAnotherKey()
    {
        var resnet = BuiltInBackbones.ResNet18;
        var filled = resnet with { Image = resnet.Image! with { Resizing = "fill" } };
        var path = Images(perClass: 1).Ids[0];
        using var a = new BatchedImageEmbedder(resnet);
        using var b = new BatchedImageEmbedder(filled);
        Assert.NotEqual(a.KeyOf(path), b.KeyOf(path));
        Assert.Equal(a.KeyOf(path), a.KeyOf(path));
        Assert.Equal(64, a.KeyOf(path).Length);
    }

    [Fact]
    public void Clear_RemovesEverything()
    {
        using var cache = EmbeddingCache.Open(_dir);
        cache.Put([("a", [1f, 2f]), ("b", [3f])]);
        Assert.Equal([1f, 2f], cache.Get(["a", "zzz"])["a"]);
        Assert.Equal(2, cache.Clear());
        Assert.Equal(0, cache.Info().Entries);
        Assert.Empty(cache.Get(["a"]));
    }
}
