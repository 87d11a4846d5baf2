using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;

namespace MlNetTransfer.Bench;

/// <summary>
/// (e) The embedding cache as a second <c>train</c> on the same images sees it: <see cref="BatchedImageEmbedder.Embed"/> with an
/// <see cref="EmbeddingCache"/> in a fresh temp folder per repetition, on each chunk once cold (not in the cache yet: backbone
/// + sha256 of each file + SQLite writes) and then warm (all hits).
/// </summary>
internal sealed class CachePasses(BackboneManifest backbone, int batchSize) : IDisposable
{
    private readonly BatchedImageEmbedder _embedder = new(backbone, batchSize);
    private string? _folder;
    private EmbeddingCache? _cache;

    /// <summary>Cache hits of the cold and warm passes so far in this repetition, and images the warm passes ran through the backbone.</summary>
    public int ColdHits { get; private set; }

    public int WarmHits { get; private set; }

    public int WarmImagesRun { get; private set; }

    /// <summary>Starts a repetition with an empty cache in a new temp folder.</summary>
    public void Begin()
    {
        End();
        _folder = Directory.CreateTempSubdirectory("mlnet-transfer-bench-cache-").FullName;
        _cache = EmbeddingCache.Open(_folder);
        ColdHits = WarmHits = WarmImagesRun = 0;
    }

    public float[][] Cold(Dataset images)
    {
        var result = _embedder.Embed(images, Dataset.ImagePathColumn, "cold", cache: Cache);
        ColdHits += _embedder.CacheHits;
        return result;
    }

    public float[][] Warm(Dataset images)
    {
        var ran = _embedder.ImagesRun;
        var result = _embedder.Embed(images, Dataset.ImagePathColumn, "warm", cache: Cache);
        WarmHits += _embedder.CacheHits;
        WarmImagesRun += _embedder.ImagesRun - ran;
        return result;
    }

    /// <summary>Size of the cache's files now.</summary>
    public long CacheBytes => Cache.Info().Bytes;

    /// <summary>Closes and deletes this repetition's cache.</summary>
    public void End()
    {
        _cache?.Dispose();
        _cache = null;
        if (_folder is not null && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        _folder = null;
    }

    private EmbeddingCache Cache => _cache ?? throw new InvalidOperationException("Begin a repetition first.");

    public void Dispose()
    {
        End();
        _embedder.Dispose();
    }
}
