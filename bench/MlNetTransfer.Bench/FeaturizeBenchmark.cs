using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Bench;

/// <summary>The timed runs of one variant (or of the decoding step, or of a cache pass): one per repetition, each over all images.</summary>
/// <remarks><paramref name="Chunks"/>: every chunk's time, repetition by repetition, in the same order for every variant (so chunk i of two variants ran back to back).</remarks>
internal sealed record VariantTimes(string Key, string Name, TimeSpan? Setup, IReadOnlyList<Timing> Runs, IReadOnlyList<Timing> Chunks)
{
    public double MedianSeconds => Measure.Median(Runs.Select(r => r.Wall.TotalSeconds));

    public double MedianCpuSeconds => Measure.Median(Runs.Select(r => r.Cpu.TotalSeconds));
}

/// <summary>Largest absolute difference between two variants' embeddings, over the first rows and over all rows.</summary>
internal sealed record ParityCheck(string A, string B, double FirstRows, double AllRows);

/// <summary>What the cache passes of one repetition did.</summary>
internal sealed record CacheRepetition(int ColdHits, int WarmHits, int WarmImagesRun, long CacheBytes);

/// <summary>Everything one <c>featurize</c> run measured.</summary>
internal sealed record FeaturizeResults(
    FeaturizeBenchOptions Options,
    MachineInfo Machine,
    DateTime StartedUtc,
    TimeSpan Duration,
    string Command,
    Dataset Images,
    LoadAverage? LoadAtStart,
    LoadAverage? LoadAtEnd,
    IReadOnlyList<double> LoadReadings,
    IReadOnlyList<VariantTimes> Variants,
    IReadOnlyList<ParityCheck> Parity,
    int ParityRows,
    double? BetweenImages,
    IReadOnlyList<CacheRepetition> CacheRepetitions)
{
    public VariantTimes this[string key] => Variants.Single(v => v.Key == key);

    public int N => Images.Count;

    /// <summary>(d) + decoding: the medians added (they are measured apart).</summary>
    public double PracticalLimitSeconds => this["d"].MedianSeconds + this["decode"].MedianSeconds;

    /// <summary>Per repetition, the ratio of two variants' times (both measured on the same interleaved chunks).</summary>
    public IReadOnlyList<double> RatioPerRepetition(string slower, string faster) =>
        Seconds(slower, v => v.Runs).Zip(Seconds(faster, v => v.Runs), (s, f) => s / f).ToList();

    /// <summary>
    /// The ratio of two variants' times chunk by chunk (each pair ran within seconds of each other, so under the same load):
    /// the median and the middle half (quartiles) of those ratios. "limit" stands for (d) + decode.
    /// </summary>
    public (double Median, double Low, double High) PairedRatio(string slower, string faster)
    {
        var ratios = Seconds(slower, v => v.Chunks).Zip(Seconds(faster, v => v.Chunks), (s, f) => s / f).ToList();
        return (Measure.Median(ratios), Measure.Quantile(ratios, 0.25), Measure.Quantile(ratios, 0.75));
    }

    /// <summary>
    /// The chunk-by-chunk ratio split by load: the chunks sorted by the 1-minute load average read before the two steps, then the
    /// median ratio and mean load of the less loaded half and of the more loaded half. Shows whether load slows the two alike.
    /// </summary>
    public (double QuietLoad, double QuietRatio, double BusyLoad, double BusyRatio)? RatioByLoad(string slower, string faster)
    {
        var s = Seconds(slower, v => v.Chunks);
        var f = Seconds(faster, v => v.Chunks);
        var load = this[slower == "limit" ? "d" : slower].Chunks.Zip(this[faster == "limit" ? "d" : faster].Chunks, (x, y) => (x.LoadBefore + y.LoadBefore) / 2).ToList();
        var chunks = Enumerable.Range(0, s.Count).Where(i => !double.IsNaN(load[i])).OrderBy(i => load[i]).ToList();
        if (chunks.Count < 4) return null;
        var quiet = chunks.Take(chunks.Count / 2).ToList();
        var busy = chunks.Skip(chunks.Count - chunks.Count / 2).ToList();
        return (quiet.Average(i => load[i]), Measure.Median(quiet.Select(i => s[i] / f[i])), busy.Average(i => load[i]), Measure.Median(busy.Select(i => s[i] / f[i])));
    }

    /// <summary>Cores this process kept busy on average while (a)–(d) ran: their CPU time over their wall time (medians).</summary>
    public double CoresUsed => new[] { "a", "b", "c", "d" }.Sum(k => this[k].MedianCpuSeconds) / new[] { "a", "b", "c", "d" }.Sum(k => this[k].MedianSeconds);

    /// <summary>Wall seconds of a variant's runs or chunks; "limit" adds (d) and decode pairwise.</summary>
    private IReadOnlyList<double> Seconds(string key, Func<VariantTimes, IReadOnlyList<Timing>> times) => key == "limit"
        ? times(this["d"]).Zip(times(this["decode"]), (d, decode) => (d.Wall + decode.Wall).TotalSeconds).ToList()
        : times(this[key]).Select(t => t.Wall.TotalSeconds).ToList();
}

/// <summary>
/// The <c>featurize</c> benchmark: the same N images to ResNet18 embeddings five ways (stock ML.NET, the saved zip, our batched
/// engine, raw ONNX Runtime on pre-decoded tensors, the engine with the embedding cache), each repeated. Within a repetition
/// the images go in chunks of <see cref="FeaturizeBenchOptions.ChunkSize"/> and every variant runs on a chunk before the next
/// chunk (in an order that rotates), so a change in the load of a shared machine falls on all variants alike; a variant's
/// time for a repetition is the sum of its chunk times.
/// </summary>
internal static class FeaturizeBenchmark
{
    public static FeaturizeResults Run(FeaturizeBenchOptions options, string command, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loadAtStart = LoadAverage.Read();
        var images = Load(options.Data, options.Images);
        var n = images.Count;
        log.WriteLine($"images: the first {n:N0} of {images.Source} ({string.Join(", ", images.Labels!.GroupBy(l => l).Select(g => $"{g.Count()} {g.Key}"))})");
        log.WriteLine($"load average at start: {loadAtStart?.ToString() ?? "n/a"} on {Environment.ProcessorCount} cores");
        var backbone = BuiltInBackbones.ResNet18;
        const int batch = FeaturizeBenchOptions.BatchSize;

        log.WriteLine("setting up (fit, save/load, sessions; not timed) ...");
        using var stock = new StockVariant(images);
        using var zip = new SavedZipVariant(images, backbone);
        using var batched = new BatchedVariant(backbone, batch);
        using var raw = new RawOrtVariant(images, backbone, batch);
        using var cache = new CachePasses(backbone, batch);
        foreach (var v in new IFeaturizeVariant[] { stock, zip, batched, raw })
            log.WriteLine($"  ({v.Key}) {v.Name}: setup {v.Setup.TotalSeconds:F2} s");

        var chunks = Enumerable.Range(0, (n + FeaturizeBenchOptions.ChunkSize - 1) / FeaturizeBenchOptions.ChunkSize)
            .Select(c => images.Subset(Enumerable.Range(c * FeaturizeBenchOptions.ChunkSize, Math.Min(FeaturizeBenchOptions.ChunkSize, n - c * FeaturizeBenchOptions.ChunkSize)).ToList()))
            .ToList();
        log.WriteLine($"{options.Repetitions} repetition(s) over {chunks.Count} chunk(s) of up to {FeaturizeBenchOptions.ChunkSize} images, variants interleaved per chunk");

        var keys = new[] { "a", "b", "c", "decode", "d", "cold", "warm" };
        var runs = keys.ToDictionary(k => k, _ => new List<Timing>());
        var allChunks = keys.ToDictionary(k => k, _ => new List<Timing>());
        var embeddings = keys.ToDictionary(k => k, _ => new List<float[]>()); // repetition 1's, for the comparison
        var loads = new List<double>();
        var cacheReps = new List<CacheRepetition>();

        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            var chunkTimes = keys.ToDictionary(k => k, _ => new List<Timing>());
            cache.Begin();
            for (var c = 0; c < chunks.Count; c++)
            {
                var chunk = chunks[c];
                void Step(string key, Func<float[][]?> work)
                {
                    var (result, t) = Measure.Time(work);
                    chunkTimes[key].Add(t);
                    loads.AddRange(new[] { t.LoadBefore, t.LoadAfter }.Where(l => !double.IsNaN(l)));
                    if (rep == 1 && result is not null) embeddings[key].AddRange(result);
                }
                // Groups whose order rotates from chunk to chunk; inside a group the order is fixed (decode before d, cold before warm).
                var groups = new Action[]
                {
                    () => Step("a", () => stock.Run(chunk)),
                    () => Step("b", () => zip.Run(chunk)),
                    () => Step("c", () => batched.Run(chunk)),
                    () => { Step("decode", () => { raw.Decode(chunk); return null; }); Step("d", () => raw.Run(chunk)); },
                    () => { Step("cold", () => cache.Cold(chunk)); Step("warm", () => cache.Warm(chunk)); },
                };
                var turn = (c + rep) % groups.Length;
                for (var g = 0; g < groups.Length; g++) groups[(turn + g) % groups.Length]();
                log.WriteLine($"  repetition {rep}, chunk {c + 1}/{chunks.Count}: " +
                              string.Join(", ", keys.Select(k => $"{k} {chunkTimes[k][^1].Wall.TotalSeconds:F2}")) +
                              $" s; load {LoadAverage.Read()?.One:F2}");
            }
            cacheReps.Add(new CacheRepetition(cache.ColdHits, cache.WarmHits, cache.WarmImagesRun, cache.CacheBytes));
            cache.End();
            foreach (var k in keys)
            {
                var parts = chunkTimes[k];
                runs[k].Add(new Timing(Sum(parts, t => t.Wall), Sum(parts, t => t.Cpu), parts[0].LoadBefore, parts[^1].LoadAfter));
                allChunks[k].AddRange(parts);
            }
            log.WriteLine($"repetition {rep} of {options.Repetitions}: " +
                          string.Join(", ", keys.Select(k => $"{k} {runs[k][^1].Wall.TotalSeconds:F1} s ({runs[k][^1].Wall.TotalMilliseconds / n:F1} ms/image, CPU {runs[k][^1].Cpu.TotalSeconds:F0} s)")));
        }

        (string Key, string Name)[] names =
        [
            ("a", stock.Name), ("b", zip.Name), ("c", batched.Name), ("d", raw.Name), ("decode", "decode only: ML.NET image steps -> tensors (in (c), not in (d))"),
            ("cold", "cache cold (empty cache)"), ("warm", "cache warm (all hits)"),
        ];
        var setups = new Dictionary<string, TimeSpan> { ["a"] = stock.Setup, ["b"] = zip.Setup, ["c"] = batched.Setup, ["d"] = raw.Setup };
        var variants = names.Select(v => new VariantTimes(v.Key, v.Name, setups.TryGetValue(v.Key, out var s) ? s : null, runs[v.Key], allChunks[v.Key])).ToList();

        var first = embeddings.Where(e => e.Value.Count > 0).ToDictionary(e => e.Key, e => e.Value.ToArray());
        var parityRows = Math.Min(FeaturizeBenchOptions.ParityImages, n);
        (string, string)[] pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d"), ("c", "cold"), ("cold", "warm")];
        var parity = pairs.Select(p => new ParityCheck(p.Item1, p.Item2,
            Measure.MaxAbsDiff(first[p.Item1], first[p.Item2], parityRows), Measure.MaxAbsDiff(first[p.Item1], first[p.Item2], n))).ToList();
        // For scale: how far apart the embeddings of two different images are (the closest consecutive pair among the first rows).
        double? between = parityRows < 2 ? null
            : Enumerable.Range(0, parityRows - 1).Min(i => Measure.MaxAbsDiff([first["a"][i]], [first["a"][i + 1]], 1));

        return new FeaturizeResults(options, MachineInfo.Current(), started, watch.Elapsed, command, images, loadAtStart, LoadAverage.Read(),
            loads, variants, parity, parityRows, between, cacheReps);
    }

    private static TimeSpan Sum(IEnumerable<Timing> parts, Func<Timing, TimeSpan> part) => parts.Aggregate(TimeSpan.Zero, (total, t) => total + part(t));

    /// <summary>The first N images of <c>&lt;data&gt;/train</c> in the loader's order.</summary>
    internal static Dataset Load(string data, int count)
    {
        var train = Path.Combine(Path.GetFullPath(data), "train");
        if (!Directory.Exists(train))
            throw new MissingDataException($"Fashion-MNIST not found ('{train}' is missing): run `bash data/fetch.sh` first.");
        var all = DatasetLoader.Load(train);
        if (all.Count < count)
            throw new UserInputException($"--images {count}: '{train}' has only {all.Count:N0} images.");
        return all.Subset(Enumerable.Range(0, count).ToList());
    }
}
