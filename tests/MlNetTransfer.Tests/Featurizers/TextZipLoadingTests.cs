using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Backbones;
using MlNetTransfer.Datasets;
using MlNetTransfer.Engine;
using MlNetTransfer.Featurizers;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Featurizers;

/// <summary>A minilm zip saved once for <see cref="TextZipLoadingTests"/>, with the embeddings and column type it was fitted with.</summary>
public sealed class MiniLmZipFixture : IDisposable
{
    public static readonly string[] Texts = ["A man is eating food.", "", "Café naïve résumé: accents are stripped.", "Do you like pizza?"];

    public MiniLmZipFixture()
    {
        Dir = TestData.TempDir();
        Zip = Path.Combine(Dir, "minilm.zip");
        var ml = new MLContext(1);
        var view = TextZipLoadingTests.TextView(Texts);
        using var model = (IDisposable)ml.Transforms.Text.ExtractTextEmbeddings("Embedding", BuiltInBackbones.MiniLm, "Text").Fit(view);
        var transformed = ((ITransformer)model).Transform(view);
        FittedType = Assert.IsType<VectorDataViewType>(transformed.Schema["Embedding"].Type);
        Fitted = TextZipLoadingTests.Column(transformed, "Embedding");
        ml.Model.Save((ITransformer)model, view.Schema, Zip);
    }

    public string Dir { get; }

    public string Zip { get; }

    public VectorDataViewType FittedType { get; }

    public List<float[]> Fitted { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>
/// What loading a minilm / arctic-xs zip needs: the vocabulary file, found in the models folders, and nothing else of the
/// backbone (the zip holds the graph); without it, one message that says what is missing, where it was looked for and
/// what to do. The folders searched at load are set per test (<see cref="BertTokenizeMapping.LoadWith"/>), as
/// <c>$MLNET_TRANSFER_MODELS</c> or an app without <c>onnx-models/</c> would (the CLI tests do that in a process).
/// </summary>
public sealed class TextZipLoadingTests(MiniLmZipFixture zip) : IClassFixture<MiniLmZipFixture>, IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static IDataView TextView(IReadOnlyList<string> texts) => new TableDataView(texts.Count).AddText("Text", texts);

    internal static List<float[]> Column(IDataView view, string column) =>
        view.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToList();

    private string Folder(string name, params string[] builtInFiles)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        var models = Path.GetDirectoryName(BuiltInBackbones.MiniLm.ManifestPath)!;
        foreach (var file in builtInFiles) File.Copy(Path.Combine(models, file), Path.Combine(folder, file));
        return folder;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void MiniLmZip_LoadsWhereOnlyTheVocabularyIsFound_NoOnnxFile_AndGivesTheSavedEmbeddings(bool withManifest)
    {
        var folder = withManifest ? Folder("models", "minilm.vocab.txt", "minilm.json") : Folder("models", "minilm.vocab.txt");
        Assert.False(File.Exists(Path.Combine(folder, "minilm.onnx")));
        ITransformer loaded;
        // A fresh context, no ContractRegistry.RegisterAll: ML.NET registers the assembly the zip names.
        using (BertTokenizeMapping.LoadWith(BackboneCatalog.OnlyFolders(folder)))
            loaded = new MLContext(2).Model.Load(zip.Zip, out _);
        try
        {
            var reloaded = Column(loaded.Transform(TextView(MiniLmZipFixture.Texts)), "Embedding");
            Assert.Equal(MiniLmZipFixture.Texts.Length, reloaded.Count);
            for (var i = 0; i < reloaded.Count; i++)
            {
                var maxDiff = zip.Fitted[i].Zip(reloaded[i]).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= 1e-6, $"row {i + 1}: max abs diff {maxDiff}");
            }
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void MiniLmZip_WithTheVocabularyNowhere_FailsWithOneMessageNamingTheFileEveryFolderAndTheFix_AndModelFileThrowsItUnwrapped()
    {
        var empty = Folder("empty");
        var manifestOnly = Folder("manifest-only", "minilm.json");
        using var search = BertTokenizeMapping.LoadWith(BackboneCatalog.OnlyFolders(empty, manifestOnly));

        var thrown = Assert.ThrowsAny<Exception>(() => new MLContext(2).Model.Load(zip.Zip, out _));
        var inner = thrown;
        while (inner is TargetInvocationException { InnerException: { } next }) inner = next;
        var user = Assert.IsType<UserInputException>(inner);
        Assert.Null(user.InnerException);
        Assert.Equal(
            $"The saved model's minilm tokenization step (contract 'MlNetTransfer.BertTokenize.minilm.v1') needs the vocabulary file 'minilm.vocab.txt', " +
            $"which is in none of the folders searched: '{empty}' (passed in), '{manifestOnly}' (passed in). Put minilm.vocab.txt in one of them " +
            "(a build of MlNetTransfer writes it to onnx-models/), or set MLNET_TRANSFER_MODELS to a folder that holds it; " +
            "the backbone's ONNX file is not needed, the zip holds the graph.", user.Message);

        // evaluate / predict load through ModelFile: the same message, not ML.NET's wrappers.
        var e = Assert.Throws<UserInputException>(() => ModelFile.Load(new MLContext(3), zip.Zip));
        Assert.Equal(user.Message, e.Message);
    }

    [Fact]
    public void DefaultSearchFolders_AreListedWithWhereEachComesFrom()
    {
        var described = new BackboneCatalog().DescribeFolders();
        var current = Path.GetFullPath("onnx-models");
        var app = Path.Combine(AppContext.BaseDirectory, "onnx-models");
        if (current == app)
            Assert.Contains($"'{app}' (./onnx-models, next to the application)", described);
        else
            Assert.Contains($"'{current}' (./onnx-models), '{app}' (next to the application)", described);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BackboneCatalog.ModelsDirVariable)))
            Assert.EndsWith("; MLNET_TRANSFER_MODELS is not set", described);
        else
            Assert.StartsWith($"'{Path.GetFullPath(Environment.GetEnvironmentVariable(BackboneCatalog.ModelsDirVariable)!)}' ($MLNET_TRANSFER_MODELS)", described);
    }

    [Fact]
    public void MiniLmZip_WithAnotherVocabularyFoundFirst_IsRefusedNamingItsHash()
    {
        var other = Folder("other");
        File.WriteAllLines(Path.Combine(other, "minilm.vocab.txt"), ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "hello"]);
        using var search = BertTokenizeMapping.LoadWith(BackboneCatalog.OnlyFolders(other, Folder("good", "minilm.vocab.txt")));
        var e = Assert.Throws<UserInputException>(() => ModelFile.Load(new MLContext(2), zip.Zip));
        Assert.StartsWith("The saved model's minilm tokenization step (contract 'MlNetTransfer.BertTokenize.minilm.v1') needs the vocabulary file " +
            $"'minilm.vocab.txt' with sha256 b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f; '{Path.Combine(other, "minilm.vocab.txt")}', " +
            "the first found, has sha256 ", e.Message);
        Assert.Contains("it is another vocabulary", e.Message);
    }

    [Fact]
    public void TextEmbeddingColumn_IsAFlatVectorOf384_FittedAndLoaded()
    {
        Assert.Equal(new[] { 384 }, zip.FittedType.Dimensions.ToArray());
        Assert.Equal(NumberDataViewType.Single, zip.FittedType.ItemType);
        using var loaded = ModelFile.Load(new MLContext(2), zip.Zip);
        var type = Assert.IsType<VectorDataViewType>(loaded.Transformer.GetOutputSchema(loaded.InputSchema)["Embedding"].Type);
        Assert.Equal(new[] { 384 }, type.Dimensions.ToArray());
        Assert.Equal(384, type.Size);
    }

    [Fact]
    public void ArcticXsZip_LoadsWhereOnlyTheVocabularyIsFound_AndEqualsTheBatchedEngine()
    {
        var backbone = BuiltInBackbones.ArcticXs;
        string[] texts = ["", "A short one.", "Café naïve résumé."];
        var view = TextView(texts);
        var saved = Path.Combine(_dir, "arctic.zip");
        using (var model = (IDisposable)new MLContext(1).Transforms.Text.ExtractTextEmbeddings("E", backbone, "Text").Fit(view))
            new MLContext(1).Model.Save((ITransformer)model, view.Schema, saved);

        ITransformer loaded;
        using (BertTokenizeMapping.LoadWith(BackboneCatalog.OnlyFolders(Folder("models", "arctic-xs.vocab.txt"))))
            loaded = new MLContext(2).Model.Load(saved, out _);
        try
        {
            var transformed = loaded.Transform(view);
            Assert.Equal(new[] { 384 }, ((VectorDataViewType)transformed.Schema["E"].Type).Dimensions.ToArray());
            var perRow = Column(transformed, "E");
            using var engine = new BatchedTextEmbedder(backbone);
            var batched = engine.Embed(texts);
            for (var i = 0; i < texts.Length; i++)
            {
                var maxDiff = perRow[i].Zip(batched[i]).Max(p => Math.Abs(p.First - p.Second));
                Assert.True(maxDiff <= 1e-4, $"row {i + 1}: max abs diff {maxDiff}");
            }
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }

        using (BertTokenizeMapping.LoadWith(BackboneCatalog.OnlyFolders(Folder("minilm-only", "minilm.vocab.txt"))))
        {
            var e = Assert.Throws<UserInputException>(() => ModelFile.Load(new MLContext(3), saved));
            Assert.Contains("arctic-xs tokenization step (contract 'MlNetTransfer.BertTokenize.arctic-xs.v1') needs the vocabulary file 'arctic-xs.vocab.txt'", e.Message);
        }
    }

    [Fact]
    public void ABackboneThatTokenizesOtherwise_IsRefusedByTheEstimator_ForItsZipWouldLoadWithTheContractsTokenization()
    {
        var builtIn = BuiltInBackbones.MiniLm;
        var cased = Path.Combine(_dir, "minilm.json");
        File.CreateSymbolicLink(Path.Combine(_dir, "minilm.onnx"), builtIn.ModelPath);
        File.CreateSymbolicLink(Path.Combine(_dir, "minilm.vocab.txt"), builtIn.VocabPath!);
        File.WriteAllText(cased, File.ReadAllText(builtIn.ManifestPath).Replace("\"lowercase\": true", "\"lowercase\": false"));
        var backbone = BackboneCatalog.OnlyFolders(_dir).Resolve("minilm");
        Assert.False(backbone.Text!.Lowercase);

        var e = Assert.Throws<UserInputException>(() => new MLContext(1).Transforms.Text.ExtractTextEmbeddings("E", backbone, "Text"));
        Assert.Equal(
            $"Text backbone 'minilm' ('{cased}') does not tokenize as its saved-model contract 'MlNetTransfer.BertTokenize.minilm.v1' does: " +
            "lowercase is false, the contract's true. A saved zip keeps only the contract's name, so a backbone saved under it must tokenize exactly as the built-in 'minilm'.",
            e.Message);
    }
}
