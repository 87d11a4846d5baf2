using MlNetTransfer.Backbones;

namespace MlNetTransfer.Featurizers;

/// <summary>
/// What a saved-model tokenization contract name stands for: everything that defines the tokenization. A CustomMapping
/// saves only its contract name, so these settings live in code, versioned with the name, and loading a zip needs only
/// the vocabulary file (<see cref="VocabFile"/>, found by name and checked against <see cref="VocabSha256"/>), never
/// the backbone's manifest or ONNX file (the zip holds the graph).
/// </summary>
/// <param name="Name">The contract name saved in the zip (<c>MlNetTransfer.BertTokenize.minilm.v1</c>).</param>
/// <param name="Backbone">The built-in backbone it tokenizes for.</param>
/// <param name="VocabFile">The vocabulary's file name, looked for in the models folders at load time.</param>
/// <param name="VocabSha256">sha256 (hex) of the vocabulary file.</param>
/// <param name="Lowercase">Lower-case before splitting.</param>
/// <param name="StripAccents">Remove non-spacing marks.</param>
/// <param name="MaxLength">Tokens per row, [CLS] and [SEP] included (the row type's length).</param>
internal sealed record BertTokenizeContract(string Name, string Backbone, string VocabFile, string VocabSha256, bool Lowercase, bool StripAccents, int MaxLength)
{
    /// <summary>The tokenizer of <paramref name="vocabPath"/> with this contract's settings.</summary>
    public BertTextTokenizer Tokenizer(string vocabPath) => BertTextTokenizer.For(vocabPath, Lowercase, StripAccents, MaxLength);

    /// <summary>How <paramref name="text"/> (a manifest's) differs from this contract; empty when it tokenizes as the contract says.</summary>
    public IEnumerable<string> Differences(TextPreprocessing text, string vocabPath)
    {
        if (text.Lowercase != Lowercase) yield return $"lowercase is {Bool(text.Lowercase)}, the contract's {Bool(Lowercase)}";
        if (text.StripAccents != StripAccents) yield return $"stripAccents is {Bool(text.StripAccents)}, the contract's {Bool(StripAccents)}";
        if (text.MaxLength != MaxLength) yield return $"maxLength is {text.MaxLength}, the contract's {MaxLength}";
        var sha = BackboneMaterializer.Sha256(vocabPath);
        if (!string.Equals(sha, VocabSha256, StringComparison.OrdinalIgnoreCase))
            yield return $"its vocabulary '{vocabPath}' has sha256 {sha}, the contract's {VocabSha256}";
    }

    private static string Bool(bool value) => value ? "true" : "false";
}

/// <summary>The CustomMapping action of a tokenization contract: the contract's <see cref="BertTextTokenizer"/> writing a fixed-length row.</summary>
internal static class BertTokenizeMapping
{
    private static readonly AsyncLocal<BackboneCatalog?> LoadCatalogOverride = new();

    /// <summary>Where a loading zip's tokenization step looks for its vocabulary: <see cref="BackboneCatalog.Default"/>'s folders.</summary>
    internal static BackboneCatalog LoadCatalog => LoadCatalogOverride.Value ?? BackboneCatalog.Default;

    /// <summary>
    /// For tests: zips loaded on the calling flow (this thread and what it awaits) look for vocabularies in
    /// <paramref name="catalog"/> instead of <see cref="BackboneCatalog.Default"/>, until the result is disposed.
    /// </summary>
    internal static IDisposable LoadWith(BackboneCatalog catalog)
    {
        var previous = LoadCatalogOverride.Value;
        LoadCatalogOverride.Value = catalog;
        return new Restore(() => LoadCatalogOverride.Value = previous);
    }

    /// <summary>
    /// The mapping of <paramref name="contract"/> when an estimator is built from a resolved manifest: its tokenization
    /// must be the contract's (a zip saves only the contract name, and loading rebuilds the tokenizer from it).
    /// </summary>
    public static Action<BertTokenizeInput, TRow> ForBackbone<TRow>(BertTokenizeContract contract, BackboneManifest backbone) where TRow : IBertTokenRow
    {
        var text = backbone.Text ?? throw new ArgumentException($"Backbone '{backbone.Name}' is not a text backbone.", nameof(backbone));
        var differences = contract.Differences(text, backbone.VocabPath!).ToList();
        if (differences.Count > 0)
            throw new UserInputException(
                $"Text backbone '{backbone.Name}' ('{backbone.ManifestPath}') does not tokenize as its saved-model contract '{contract.Name}' does: " +
                $"{string.Join("; ", differences)}. A saved zip keeps only the contract's name, so a backbone saved under it must tokenize exactly as the built-in '{contract.Backbone}'.");
        return Create<TRow>(contract.Tokenizer(backbone.VocabPath!));
    }

    /// <summary>
    /// The mapping of <paramref name="contract"/> when a saved zip is loaded: the vocabulary file found by name in
    /// <see cref="LoadCatalog"/>'s folders and checked against the contract's sha256; nothing else is read.
    /// </summary>
    /// <exception cref="UserInputException">The vocabulary is in none of the folders (the message names the file, every folder searched and what to do), or the one found is another vocabulary.</exception>
    public static Action<BertTokenizeInput, TRow> ForLoading<TRow>(BertTokenizeContract contract) where TRow : IBertTokenRow
    {
        var catalog = LoadCatalog;
        var step = $"The saved model's {contract.Backbone} tokenization step (contract '{contract.Name}') needs the vocabulary file '{contract.VocabFile}'";
        var vocab = catalog.FindFile(contract.VocabFile) ?? throw new UserInputException(
            $"{step}, which is in none of the folders searched: {catalog.DescribeFolders()}. Put {contract.VocabFile} in one of them " +
            $"(a build of MlNetTransfer writes it to onnx-models/), or set {BackboneCatalog.ModelsDirVariable} to a folder that holds it; " +
            $"the backbone's ONNX file is not needed, the zip holds the graph.");
        var sha = BackboneMaterializer.Sha256(vocab);
        if (!string.Equals(sha, contract.VocabSha256, StringComparison.OrdinalIgnoreCase))
            throw new UserInputException(
                $"{step} with sha256 {contract.VocabSha256}; '{vocab}', the first found, has sha256 {sha}: it is another vocabulary. " +
                $"Replace it with {contract.Backbone}'s (a build of MlNetTransfer writes it to onnx-models/). Folders searched: {catalog.DescribeFolders()}.");
        return Create<TRow>(contract.Tokenizer(vocab));
    }

    private static Action<BertTokenizeInput, TRow> Create<TRow>(BertTextTokenizer tokenizer) where TRow : IBertTokenRow =>
        (input, output) => output.Write(tokenizer, tokenizer.Encode(input.Text));

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
