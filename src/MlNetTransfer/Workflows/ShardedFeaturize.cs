using Microsoft.ML;
using MlNetTransfer.Datasets;

namespace MlNetTransfer.Workflows;

/// <summary>
/// <c>featurize --shard i/n</c>: one machine's share of a featurization spread over several (a Kubernetes Indexed Job, a
/// Slurm array, any batch engine that starts the same command with another index).
/// <list type="number">
/// <item>List every input (nothing decoded), hash each row's content (<see cref="RowContentHash"/>) and keep the rows of
/// shard i (<see cref="ShardSpec.Holds"/>), in listing order; screen only those for unreadable images.</item>
/// <item>Fit the featurizer; only frozen backbones are allowed (a vocabulary or statistics fitted per shard would differ
/// between shards).</item>
/// <item>Featurize the share in parts of <see cref="FeaturizeOptions.ShardPartRows"/> rows: part k (rows k·P to
/// (k+1)·P − 1 of the share) is written atomically to <c>&lt;out&gt;.parts/part-&lt;k&gt;.parquet</c>. A re-run keeps a
/// part file whose featurizer record and row ids are what this run would write and featurizes only the others, so a
/// killed or pre-empted shard loses at most the part it was writing.</item>
/// <item>Stream the parts, in order, into <c>&lt;out&gt;</c> (atomically, one row group per part; its metadata holds the
/// <see cref="FeaturizerRecord"/> and the shard), then delete the parts folder. A re-run whose output already holds
/// exactly this shard's rows by this featurizer writes nothing (<see cref="FeaturizeResult.AlreadyComplete"/>).</item>
/// </list>
/// Each row keeps its index in the listing (column <c>row</c>), so <c>train --features</c> puts the shards' rows back in
/// the order one unsharded run would have them.
/// </summary>
internal static class ShardedFeaturize
{
    /// <summary>The Parquet metadata key holding <c>i/n</c> in a shard's files.</summary>
    public const string ShardKey = "mlnet-transfer.shard";

    /// <summary>Runs shard <see cref="FeaturizeOptions.Shard"/> of <paramref name="options"/>: the shard's file, its rows, and whether it was already complete.</summary>
    public static FeaturizeResult Run(FeaturizeOptions options, IProgress<WorkflowProgress>? progress, CancellationToken cancellation)
    {
        var shard = options.Shard!;
        var outPath = Path.GetFullPath(options.Out);
        AtomicFile.CheckWritable(outPath, "features");
        var listing = DatasetLoader.Load(options.Data, DataStage.Columns(options));
        var hashes = RowContentHash.Of(listing, progress, cancellation);
        var mine = Enumerable.Range(0, listing.Count).Where(r => shard.Holds(hashes[r])).ToList();
        progress?.Report(new WorkflowProgress("Shard", 1, 1, $"shard {shard}: {mine.Count} of {listing.Count} inputs (by content hash)"));
        var (share, bad) = BadInputScreen.Screen(listing.Subset(mine), options.OnBadInput, cancellation, options.MaxImagePixels);
        DataStage.ReportSkipped(outPath, bad.Select(b => (listing, b)).ToList(), progress);
        DataStage.ReportNotes(progress, listing);
        var position = mine.ToDictionary(r => listing.Ids[r], r => (long)r, StringComparer.Ordinal);
        var indexes = share.Ids.Select(id => position[id]).ToList();

        // Backbones learn nothing from rows: one row is enough to fit them (none when the listing is empty).
        using var run = FeatureRun.Start(new MLContext(0), listing.Count == 0 ? listing : listing.Subset([0]), options.FeatureRun, progress, cancellation);
        var record = FeaturizerRecord.Of(run.Featurizer, listing);
        if (record.NotRebuildable(options.Out) is not null)
            throw new UserInputException("--shard featurizes with frozen ONNX backbones only, whose features do not depend on the rows a shard sees and which " +
                $"train --features rebuilds from their names: part {record.Parts.First(p => !p.IsBackbone).Describe()} is not one. " +
                "Use image or text backbones only (--text-featurizer minilm), or featurize without --shard.");
        var metadata = record.Metadata(run.Featurizer);
        metadata[ShardKey] = shard.ToString();
        string[] identity = [FeaturizerRecord.MetadataKey, ShardKey]; // what makes a written file this run's (not where the backbone lay)
        var slots = FeaturizeWorkflow.SlotNames(run.Featurizer, listing.InputSchema);

        if (AlreadyWritten(outPath, metadata, identity, share.Ids)) return new FeaturizeResult(outPath, share.Count, AlreadyComplete: true, shard);
        var partsDir = outPath + ".parts";
        Directory.CreateDirectory(partsDir);
        var size = options.ShardPartRows;
        var partCount = (share.Count + size - 1) / size;
        var kept = 0;
        for (var k = 0; k < partCount; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            var rows = Enumerable.Range(k * size, Math.Min(size, share.Count - k * size)).ToList();
            var part = PartPath(partsDir, k);
            var ids = rows.Select(r => share.Ids[r]).ToList();
            if (AlreadyWritten(part, metadata, identity, ids))
            {
                kept += rows.Count;
                continue;
            }
            var subset = share.Subset(rows);
            var features = run.Materialize(subset, $"Featurizing shard {shard}, part {k + 1} of {partCount}");
            ParquetOutput.Write(part, slots, metadata, withIndexes: true,
                [new FeatureRows(ids, subset.Labels ?? ids.Select(_ => "").ToList(), rows.Select(r => indexes[r]).ToList(), features.Select(f => f.DenseValues().ToArray()).ToList())]);
        }
        if (kept > 0) progress?.Report(new WorkflowProgress("Shard", 1, 1, $"resumed: {kept} of {share.Count} rows were already written in '{partsDir}'; featurized {share.Count - kept}"));
        ParquetOutput.Write(outPath, slots, metadata, withIndexes: true, Enumerable.Range(0, partCount).Select(k => FeatureFileReader.Read(PartPath(partsDir, k)).Rows));
        Directory.Delete(partsDir, recursive: true);
        return new FeaturizeResult(outPath, share.Count, AlreadyComplete: false, shard);
    }

    private static string PartPath(string partsDir, int k) => Path.Combine(partsDir, $"part-{k:D6}.parquet");

    /// <summary>
    /// Whether <paramref name="path"/> is a complete file of this run: it reads back, its metadata equals
    /// <paramref name="metadata"/> at the <paramref name="keys"/> and its rows are <paramref name="ids"/> in order. A file that does not
    /// read back (a crash cannot leave half a file, the writes being atomic, but a disk can fail) counts as not written.
    /// </summary>
    private static bool AlreadyWritten(string path, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<string> keys, IReadOnlyList<string> ids)
    {
        if (!File.Exists(path)) return false;
        try
        {
            var (stored, _, rows) = FeatureFileReader.Read(path);
            return keys.All(k => stored.TryGetValue(k, out var value) && value == metadata[k]) && rows.Ids.SequenceEqual(ids, StringComparer.Ordinal);
        }
        catch (UserInputException)
        {
            return false;
        }
    }
}
