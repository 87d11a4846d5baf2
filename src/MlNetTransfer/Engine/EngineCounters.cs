namespace MlNetTransfer.Engine;

/// <summary>
/// What featurizing did, summed over every backbone part (kept by <see cref="BackboneEngines"/>): inputs run through a backbone, and inputs whose
/// embedding came from the <see cref="EmbeddingCache"/> instead. A run that found everything in the cache has
/// <see cref="ImagesRun"/> = 0.
/// </summary>
public sealed class EngineCounters
{
    private int _imagesRun;
    private int _cacheHits;

    /// <summary>Images (times backbones) run through a backbone.</summary>
    public int ImagesRun => Volatile.Read(ref _imagesRun);

    /// <summary>Images (times backbones) read from the embedding cache.</summary>
    public int CacheHits => Volatile.Read(ref _cacheHits);

    internal void Add(int imagesRun, int cacheHits)
    {
        Interlocked.Add(ref _imagesRun, imagesRun);
        Interlocked.Add(ref _cacheHits, cacheHits);
    }

    /// <summary>Both counts in words, for example <c>120 images through a backbone, 880 from the cache</c>.</summary>
    public override string ToString() => $"{ImagesRun} images through a backbone, {CacheHits} from the cache";
}
