using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Featurizers;

namespace MlNetTransfer.Engine;

/// <summary>
/// Runs a text backbone over many texts through ONE ONNX Runtime session (intra-op threads = the machine's cores) with
/// dynamic padding: the texts are tokenized by the saved model's own tokenizer (<see cref="BertTextTokenizer"/>), sorted
/// by token count and run in batches padded to the longest text of the batch, not to the max length; results come back
/// in input order. Equal texts run once. Pooling and normalisation are inside the graph, so the embeddings equal the
/// saved zip's per-row ones (tested to 1e-4).
/// </summary>
public sealed class BatchedTextEmbedder : IDisposable
{
    private readonly BackboneManifest _backbone;
    private readonly TextPreprocessing _text;
    private readonly BertTextTokenizer _tokenizer;
    private readonly InferenceSession _session;
    private readonly Lazy<string> _identity; // hashing the model file is only needed for cache keys

    /// <param name="backbone">A text backbone.</param>
    /// <param name="batchSize">Texts per ONNX Runtime call. Default 32.</param>
    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; default: the number of cores.</param>
    /// <param name="device">Where to run; default the CPU. Pass a device already checked with <see cref="ComputeDevice.Resolve"/>.</param>
    public BatchedTextEmbedder(BackboneManifest backbone, int batchSize = 32, int? intraOpThreads = null, ComputeDevice? device = null)
    {
        _text = backbone.Text ?? throw new ArgumentException($"Backbone '{backbone.Name}' is not a text backbone.", nameof(backbone));
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _backbone = backbone;
        BatchSize = batchSize;
        _tokenizer = BertTextTokenizer.For(backbone);
        using var options = EngineSessions.CreateOptions(intraOpThreads, device);
        _session = EngineSessions.Open(backbone, options);
        foreach (var tensor in InputNames)
            if (!_session.InputMetadata.ContainsKey(tensor))
                throw EngineSessions.MissingTensor(backbone, "input", tensor, _session.InputMetadata.Keys);
        if (!_session.OutputMetadata.ContainsKey(backbone.Output))
            throw EngineSessions.MissingTensor(backbone, "output", backbone.Output, _session.OutputMetadata.Keys);
        // The files' own hashes, not the manifest's: a model or vocabulary replaced in place must not hit old embeddings.
        _identity = new(() => $"{BackboneMaterializer.Sha256(backbone.ModelPath)}|{BackboneMaterializer.Sha256(backbone.VocabPath!)}|{string.Join(",", InputNames)}|{backbone.Output}|{_tokenizer.Settings}");
    }

    /// <summary>Texts per ONNX Runtime call (the constructor's <c>batchSize</c>); each batch is padded to its longest text, not to the manifest's max length.</summary>
    public int BatchSize { get; }

    /// <summary>Texts this embedder has run through the backbone (cache hits and repeats excluded).</summary>
    public int TextsRun { get; private set; }

    /// <summary>ONNX Runtime calls made.</summary>
    public int BatchesRun { get; private set; }

    /// <summary>Token positions fed to the model, padding included (with padding to the max length it would be texts x max length).</summary>
    public long TokensRun { get; private set; }

    /// <summary>Texts the last <see cref="Embed(IReadOnlyList{string}, string, IProgress{WorkflowProgress}, CancellationToken, EmbeddingCache)"/> call found in the cache.</summary>
    public int CacheHits { get; private set; }

    private IEnumerable<string> InputNames => new[] { _backbone.Input, _text.AttentionMask, _text.TokenTypeIds }.OfType<string>();

    /// <summary>Embeddings of <paramref name="dataset"/>'s text column <paramref name="column"/>, in row order (see the other overload).</summary>
    public float[][] Embed(Dataset dataset, string column, string stage, IProgress<WorkflowProgress>? progress = null,
        CancellationToken cancellation = default, EmbeddingCache? cache = null) =>
        Embed(dataset.Columns.Single(c => c.Name == column).Values, stage, progress, cancellation, cache);

    /// <summary>
    /// Embeddings of <paramref name="texts"/>, in their order (null or empty: the embedding of an empty string). With a
    /// cache, texts already embedded by this backbone with these tokenizer settings are read from it; the others are
    /// embedded and stored batch by batch (an interrupted run keeps every finished batch).
    /// </summary>
    public float[][] Embed(IReadOnlyList<string?> texts, string stage = "embedding", IProgress<WorkflowProgress>? progress = null,
        CancellationToken cancellation = default, EmbeddingCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        CacheHits = 0;
        var result = new float[texts.Count][];
        // One run per distinct text.
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<string>();
        var slot = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i] ?? "";
            if (!firstOf.TryGetValue(text, out var d))
            {
                d = distinct.Count;
                firstOf[text] = d;
                distinct.Add(text);
            }
            slot[i] = d;
        }
        var embeddings = new float[distinct.Count][];
        var keys = cache is null ? null : distinct.Select(KeyOf).ToArray();
        var misses = Enumerable.Range(0, distinct.Count).ToList();
        if (cache is not null)
        {
            var hits = cache.Get(keys!);
            misses.Clear();
            for (var d = 0; d < distinct.Count; d++)
            {
                if (hits.TryGetValue(keys![d], out var hit) && hit.Length == _backbone.EmbeddingSize) embeddings[d] = hit;
                else misses.Add(d);
            }
        }
        progress?.Report(new WorkflowProgress(stage, 0, texts.Count));
        var tokens = misses.Select(d => _tokenizer.Encode(distinct[d])).ToArray();
        var order = Enumerable.Range(0, misses.Count).OrderBy(m => tokens[m].Length).ToArray();
        var done = distinct.Count - misses.Count;
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var fresh = Run(batch.Select(m => tokens[m]).ToArray());
            for (var b = 0; b < batch.Length; b++) embeddings[misses[batch[b]]] = fresh[b];
            cache?.Put(batch.Select(m => (keys![misses[m]], embeddings[misses[m]])));
            done += batch.Length;
            progress?.Report(new WorkflowProgress(stage, done, distinct.Count, "distinct texts"));
        }
        for (var i = 0; i < texts.Count; i++) result[i] = embeddings[slot[i]];
        var missed = misses.ToHashSet();
        CacheHits = cache is null ? 0 : slot.Count(d => !missed.Contains(d));
        progress?.Report(new WorkflowProgress(stage, texts.Count, texts.Count, $"{CacheHits} of {texts.Count} from the cache"));
        return result;
    }

    /// <summary>
    /// The cache key of a text: sha256 over the backbone file's and vocabulary's sha256, the tensor names, the tokenizer
    /// and pooling settings and the sha256 of the text's UTF-8 bytes. Any change to one of them makes a new key.
    /// </summary>
    public string KeyOf(string? text)
    {
        var content = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? "")));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_identity.Value + "\n" + content)));
    }

    /// <summary>One ONNX Runtime call on texts padded to the longest of them.</summary>
    private float[][] Run(int[][] batch)
    {
        var rows = batch.Length;
        var length = batch.Max(t => t.Length);
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var types = new long[rows * length];
        for (var r = 0; r < rows; r++)
            _tokenizer.Fill(batch[r], ids.AsSpan(r * length, length), mask.AsSpan(r * length, length), types.AsSpan(r * length, length));
        long[] shape = [rows, length];
        using var idsTensor = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskTensor = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesTensor = OrtValue.CreateTensorValueFromMemory(types, shape);
        var names = new List<string> { _backbone.Input, _text.AttentionMask };
        var values = new List<OrtValue> { idsTensor, maskTensor };
        if (_text.TokenTypeIds is not null)
        {
            names.Add(_text.TokenTypeIds);
            values.Add(typesTensor);
        }
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_backbone.Output]);
        var output = outputs[0].GetTensorDataAsSpan<float>();
        var size = _backbone.EmbeddingSize;
        if (output.Length != rows * size)
            throw new UserInputException($"Backbone '{_backbone.Name}': output '{_backbone.Output}' has {output.Length / rows} values per text, the manifest says embeddingSize {size}.");
        var result = new float[rows][];
        for (var r = 0; r < rows; r++) result[r] = output.Slice(r * size, size).ToArray();
        TextsRun += rows;
        BatchesRun++;
        TokensRun += (long)rows * length;
        return result;
    }

    /// <summary>Releases the ONNX Runtime session (native memory, and GPU memory on CUDA); the embedder cannot be used afterwards.</summary>
    public void Dispose() => _session.Dispose();
}
