using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Bench;

/// <summary>
/// <c>minilm</c>: sentences per second of the minilm text backbone three ways, on the same sentences in interleaved chunks
/// (chunk i of every variant runs back to back, in a rotating order, so machine load falls on all alike): (a) the saved-zip path, ML.NET's
/// per-row ApplyOnnxModel padded to the max length; (b) <see cref="BatchedTextEmbedder"/> (dynamic padding, no cache);
/// (c) raw ONNX Runtime on the same tokens, sorted by length and padded per batch of 32. Prints the table and writes
/// it to its section of BENCHMARKS.md (<c>--out</c>).
/// Sentences: 1–4 consecutive non-empty lines of /usr/share/common-licenses/* (seeded), distinct.
/// </summary>
internal static class TextBenchmark
{
    public const string Title = "## MiniLM — ML.NET padded per-row path vs batched engine vs raw ONNX Runtime";

    public static void Run(MiniLmOptions options, TextWriter log, string command)
    {
        var outPath = AtomicFile.CheckWritable(options.Out, "benchmark report");
        var (sentences, chunks, batchSize, source) = (options.Sentences, options.Chunks, options.Batch, options.Source);
        var texts = Sentences(source, sentences);
        var backbone = BuiltInBackbones.MiniLm;
        var tokenizer = BertTextTokenizer.For(backbone);
        var tokenCounts = texts.Select(t => tokenizer.Encode(t).Length).ToList();
        log.WriteLine($"{texts.Count} sentences from {source}: tokens per sentence min {tokenCounts.Min()}, median {Measure.Median(tokenCounts.Select(c => (double)c))}, " +
            $"max {tokenCounts.Max()} (max length {backbone.Text!.MaxLength}); {Environment.ProcessorCount} cores; load {LoadAverage.Read()}");

        var ml = new MLContext(0);
        var empty = new TableDataView(0).AddText("Text", []);
        using var perRow = (IDisposable)ml.Transforms.Text.ExtractTextEmbeddings("E", backbone, "Text").Fit(empty);
        using var engine = new BatchedTextEmbedder(backbone, batchSize);
        using var raw = new RawOrt(backbone, batchSize);
        // Warm-up: first runs allocate and optimise.
        SavedZip((ITransformer)perRow, texts.Take(4).ToList());
        engine.Embed(texts.Take(4).ToList());
        raw.Embed(texts.Take(4).ToList());

        var times = new Dictionary<string, double> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };
        var size = (texts.Count + chunks - 1) / chunks;
        var results = new Dictionary<string, List<float[]>> { ["a"] = [], ["b"] = [], ["c"] = [] };
        for (var start = 0; start < texts.Count; start += size)
        {
            var chunk = texts.Skip(start).Take(size).ToList();
            var variants = new (string, Func<float[][]>)[]
            {
                ("a", () => SavedZip((ITransformer)perRow, chunk)),
                ("b", () => engine.Embed(chunk)),
                ("c", () => raw.Embed(chunk)),
            };
            var turn = start / size; // rotate the order so no variant always runs first or last
            foreach (var (key, run) in variants.Skip(turn % 3).Concat(variants.Take(turn % 3)))
            {
                var (embedded, timing) = Measure.Time(run);
                times[key] += timing.Wall.TotalSeconds;
                results[key].AddRange(embedded);
            }
            log.WriteLine($"  chunk {start / size + 1}: {string.Join(", ", times.Select(t => $"{t.Key} {t.Value:F1} s"))} (load {LoadAverage.Read()?.One:F2})");
        }
        var (a, b, c) = (results["a"].ToArray(), results["b"].ToArray(), results["c"].ToArray());
        double MaxDiff(float[][] x, float[][] y) => x.Zip(y).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));

        var section = new System.Text.StringBuilder();
        section.AppendLine(Title).AppendLine();
        section.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{texts.Count} distinct sentences (1–4 consecutive lines of {source}, seeded), {tokenCounts.Min()}–{tokenCounts.Max()} tokens, median {Measure.Median(tokenCounts.Select(x => (double)x))}; {chunks} interleaved chunks (every variant runs each chunk back to back, rotating order). Wall clock, summed over chunks, after a warm-up."));
        section.AppendLine();
        section.AppendLine("| variant | seconds | sentences/s | vs (a) |");
        section.AppendLine("|---|---:|---:|---:|");
        foreach (var (key, name) in new[] { ("a", $"(a) saved zip: ML.NET per-row ApplyOnnxModel, padded to {backbone.Text!.MaxLength}"), ("b", $"(b) BatchedTextEmbedder, batches of {batchSize}, dynamic padding"), ("c", $"(c) raw ONNX Runtime, batches of {batchSize}, dynamic padding") })
            section.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times[key]:F1} | {texts.Count / times[key]:F1} | {times["a"] / times[key]:F2}x |"));
        var speedUp = times["a"] / times["b"];
        var ofRaw = times["c"] / times["b"];
        section.AppendLine();
        section.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets: (b) >= 4x (a): **{speedUp:F2}x, {(speedUp >= 4 ? "met" : "missed")}**; (b) >= 0.9x (c): **{ofRaw:F2}x, {(ofRaw >= 0.9 ? "met" : "missed")}**. " +
            $"Max abs diff (a)-(b) {MaxDiff(a, b):G3}, (b)-(c) {MaxDiff(b, c):G3}. Load average at the end: {LoadAverage.Read()}."));
        section.AppendLine();
        section.AppendLine($"Machine: {MachineInfo.Current().Describe()}. Command: `{command}`");
        log.WriteLine();
        log.WriteLine(section.ToString());
        SectionFile.WriteSection(outPath, Title, section.ToString());
        log.WriteLine($"wrote section \"{Title[3..]}\" to {outPath}");
    }

    private static float[][] SavedZip(ITransformer model, IReadOnlyList<string> texts)
    {
        var view = model.Transform(new TableDataView(texts.Count).AddText("Text", texts));
        return view.GetColumn<VBuffer<float>>("E").Select(v => v.DenseValues().ToArray()).ToArray();
    }

    private static List<string> Sentences(string folder, int count)
    {
        if (!Directory.Exists(folder)) throw new UserInputException($"Sentence source folder '{folder}' does not exist.");
        var lines = Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var random = new Random(0);
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var attempts = 0; result.Count < count && attempts < count * 20; attempts++)
        {
            var start = random.Next(lines.Count);
            var text = string.Join(" ", lines.Skip(start).Take(random.Next(1, 5)));
            if (seen.Add(text)) result.Add(text);
        }
        if (result.Count < count) throw new UserInputException($"'{folder}' gives only {result.Count} distinct sentences, {count} were asked for.");
        return result;
    }

    /// <summary>(c): the same tokens through a bare ONNX Runtime session, sorted by length, padded per batch; no cache, no de-duplication.</summary>
    private sealed class RawOrt : IDisposable
    {
        private readonly BackboneManifest _backbone;
        private readonly BertTextTokenizer _tokenizer;
        private readonly InferenceSession _session;
        private readonly int _batchSize;

        public RawOrt(BackboneManifest backbone, int batchSize)
        {
            _backbone = backbone;
            _batchSize = batchSize;
            _tokenizer = BertTextTokenizer.For(backbone);
            using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            _session = new InferenceSession(backbone.ModelPath, options);
        }

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            var tokens = texts.Select(_tokenizer.Encode).ToArray();
            var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
            var result = new float[texts.Count][];
            var size = _backbone.EmbeddingSize;
            for (var start = 0; start < order.Length; start += _batchSize)
            {
                var rows = order.Skip(start).Take(_batchSize).ToArray();
                var length = rows.Max(r => tokens[r].Length);
                var ids = new long[rows.Length * length];
                var mask = new long[rows.Length * length];
                var types = new long[rows.Length * length];
                for (var r = 0; r < rows.Length; r++)
                    for (var t = 0; t < tokens[rows[r]].Length; t++)
                    {
                        ids[r * length + t] = tokens[rows[r]][t];
                        mask[r * length + t] = 1;
                    }
                long[] shape = [rows.Length, length];
                using var i1 = OrtValue.CreateTensorValueFromMemory(ids, shape);
                using var i2 = OrtValue.CreateTensorValueFromMemory(mask, shape);
                using var i3 = OrtValue.CreateTensorValueFromMemory(types, shape);
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, [_backbone.Input, _backbone.Text!.AttentionMask, _backbone.Text.TokenTypeIds!], [i1, i2, i3], [_backbone.Output]);
                var values = outputs[0].GetTensorDataAsSpan<float>();
                for (var r = 0; r < rows.Length; r++) result[rows[r]] = values.Slice(r * size, size).ToArray();
            }
            return result;
        }

        public void Dispose() => _session.Dispose();
    }
}
