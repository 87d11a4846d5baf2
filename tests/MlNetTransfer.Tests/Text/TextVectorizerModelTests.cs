using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Datasets;
using MlNetTransfer.Text;

namespace MlNetTransfer.Tests.Text;

/// <summary>
/// The training path (<see cref="TextVectorizerModel"/>) against the saved path (the chain of ML.NET steps
/// <see cref="TextVectorizerModel.ToTransformer"/> and the estimator build): values equal to 1e-6 (ML.NET sums squares for the L2 norm in a CPU-dependent SIMD order) at the same slots,
/// for every preset and every fixture option set, on the fitted texts and on unseen texts.
/// </summary>
public sealed class TextVectorizerModelTests
{
    private static readonly string?[] Corpus =
    [
        "The movie was great, I loved the acting and the running jokes.",
        "Terrible plot. The acting runs flat and I hated it.",
        "A great, great film: loved every minute of it!",
        "",
        "Boring and terrible; I hated the ending. ΣΟΦΙΑΣ İstanbul naïve café 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 x_y 42",
        null,
        "Loved it. Great cast, great music.",
    ];

    private static readonly string?[] Unseen = ["great acting, loved it", "unknown words only", null, "", "THE THE the The tHe"];

    public static TheoryData<string> Presets() => new(TextVectorizerPresets.Names);

    public static TheoryData<string> Cases() => new(SklearnFixtures.CaseNames());

    [Theory]
    [MemberData(nameof(Presets))]
    public void PresetsEqualTheSavedChain(string preset)
    {
        var options = TextVectorizerPresets.Parse(preset);
        AssertSameAsChain(options, Corpus, Unseen, preset);
        AssertSameAsChain(options with { StopWords = TextStopWords.English, Stem = true, SublinearTf = true }, Corpus, Unseen, preset + "+stop+stem+sublinear");
        AssertSameAsChain(options with { Binary = true, Lowercase = false, StopWords = ["THE", " and "] }, Corpus, Unseen, preset + "+binary+case");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FixtureOptionsEqualTheSavedChainAndScikitLearn(string name)
    {
        var @case = SklearnFixtures.Case(name);
        var options = SklearnFixtures.Options(@case);
        var fitDocs = SklearnFixtures.Documents(@case.GetProperty("fitDocuments").GetString()!);
        var heldDocs = SklearnFixtures.Documents(@case.GetProperty("transformDocuments").GetString()!);
        var model = AssertSameAsChain(options, fitDocs, heldDocs, name);

        TextData.AssertClose(SklearnFixtures.Matrix(@case, "fit"), Dense(model.TransformFitted()), 1e-6, name + " fit (fast path)");
        TextData.AssertClose(SklearnFixtures.Matrix(@case, "transform"), Dense(model.Transform(heldDocs)), 1e-6, name + " transform (fast path)");
        if (options.WordNgrams is null || options.CharNgrams is null)
            Assert.Equal(SklearnFixtures.FeatureNames(@case), model.Terms);
    }

    [Fact]
    public void RealEmailsEqualTheSavedChainWhateverTheThreadCount()
    {
        var train = Emails("train.csv");
        var test = Emails("test.csv");
        Assert.True(train.Length >= 200 && test.Length >= 100, "the shipped SpamAssassin subset holds 200 + 100 emails");
        foreach (var preset in TextVectorizerPresets.Names)
        {
            var options = TextVectorizerPresets.Parse(preset);
            var model = AssertSameAsChain(options, train, test, "spam " + preset);
            var documents = train.Select(t => t.AsMemory()).ToArray();
            foreach (var threads in new[] { 1, 3, 8 })
            {
                var other = TextVectorizerModel.Fit(documents, options, "text", keepCounts: true, maxThreads: threads);
                Assert.Equal(model.Terms, other.Terms);
                AssertBitEqual(model.TransformFitted(), other.TransformFitted(), $"spam {preset} fit, {threads} thread(s)");
                AssertBitEqual(model.Transform(test), other.Transform(test.Select(t => t.AsMemory()).ToArray(), maxThreads: threads), $"spam {preset} transform, {threads} thread(s)");
            }
        }
    }

    [Fact]
    public void TransformOfTheFittedTextsEqualsTransformFitted()
    {
        var model = TextVectorizerModel.Fit(Corpus, TextVectorizerPresets.TfIdf);
        AssertBitEqual(model.TransformFitted(), model.Transform(Corpus), "tfidf");
        Assert.Equal(Corpus.Length, model.FittedDocuments);
        Assert.Equal(model.Terms.Count, model.Size);
    }

    [Fact]
    public void ErrorsAreTheEstimatorsErrors()
    {
        var empty = Assert.Throws<UserInputException>(() => TextVectorizerModel.Fit(["", null, "a b c"], TextVectorizerPresets.SklearnTfIdf));
        Assert.Contains("vocabulary is empty", empty.Message);
        var options = Assert.Throws<UserInputException>(() => TextVectorizerModel.Fit(Corpus, TextVectorizerPresets.SklearnTfIdf with { WordNgrams = null }));
        Assert.Contains("set WordNgrams, CharNgrams or both", options.Message);
        var estimatorFitted = ContractRegistry.RegisterAll(new MLContext(seed: 0));
        var model = TextVectorizerModel.Fit(Corpus, TextVectorizerPresets.SklearnTfIdf);
        var noCounts = TextVectorizerModel.Fit(Corpus.Select(t => t.AsMemory()).ToArray(), TextVectorizerPresets.SklearnTfIdf, "Text", keepCounts: false);
        Assert.Throws<InvalidOperationException>(noCounts.TransformFitted);
        Assert.NotNull(model.ToTransformer(estimatorFitted, "Features", "Text"));
    }

    /// <summary>Fits both paths on <paramref name="fit"/>, compares them on it and on <paramref name="unseen"/>; returns the fast model.</summary>
    private static TextVectorizerModel AssertSameAsChain(TextVectorizerOptions options, IReadOnlyList<string?> fit, IReadOnlyList<string?> unseen, string what)
    {
        var ml = new MLContext(seed: 0);
        var model = TextVectorizerModel.Fit(fit, options);
        var chain = ml.Transforms.Text.Vectorize(ml, "Features", "Text", options).Fit(TextData.View(ml, fit));
        var fromModel = model.ToTransformer(ml, "Features", "Text");

        var fitted = model.TransformFitted();
        AssertSameAsChain(TextData.Vectors(chain.Transform(TextData.View(ml, fit))), fitted, what + " fit");
        AssertSameAsChain(TextData.Vectors(fromModel.Transform(TextData.View(ml, fit))), fitted, what + " fit (ToTransformer)");
        var transformed = model.Transform(unseen);
        AssertSameAsChain(TextData.Vectors(chain.Transform(TextData.View(ml, unseen))), transformed, what + " unseen");
        Assert.Equal(((VectorDataViewType)chain.GetOutputSchema(TextData.View(ml, fit).Schema)["Features"].Type).Size, model.Size);
        return model;
    }

    /// <summary>Same length, same values to 1e-6 (integer counts exactly), the fast row sparse with strictly ascending slots and no zeros, and the same slots as a sparse chain row.</summary>
    private static void AssertSameAsChain(VBuffer<float>[] chain, VBuffer<float>[] fast, string what)
    {
        Assert.Equal(chain.Length, fast.Length);
        for (var i = 0; i < chain.Length; i++)
        {
            Assert.Equal(chain[i].Length, fast[i].Length);
            Assert.False(fast[i].IsDense && fast[i].Length > 0 && fast[i].GetValues().Length != fast[i].Length, $"{what}: row {i} is not a valid dense row");
            var indices = fast[i].GetIndices();
            for (var k = 1; k < indices.Length; k++) Assert.True(indices[k - 1] < indices[k], $"{what}: row {i}: slots not ascending");
            Assert.DoesNotContain(0f, fast[i].GetValues().ToArray());
            if (!chain[i].IsDense) Assert.Equal(chain[i].GetIndices().ToArray(), indices.ToArray());
            var expected = chain[i].DenseValues().ToArray();
            var actual = fast[i].DenseValues().ToArray();
            for (var j = 0; j < expected.Length; j++)
                if (!(Math.Abs(expected[j] - actual[j]) <= ValueTolerance) || (expected[j] == 0) != (actual[j] == 0))
                    Assert.Fail($"{what}: row {i}, slot {j}: saved chain {expected[j]:R}, fast path {actual[j]:R}");
        }
    }

    /// <summary>
    /// How far the fast path may be from the saved chain per value. The L2 norm's sum of squares is added in a different
    /// order by ML.NET (its SIMD width depends on the CPU: AVX-512 on AMD EPYC differs from AVX2) than by
    /// TensorPrimitives, a few units in the last place of a value below 1.
    /// </summary>
    private const float ValueTolerance = 1e-6f;

    private static void AssertBitEqual(VBuffer<float>[] expected, VBuffer<float>[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].GetIndices().ToArray(), actual[i].GetIndices().ToArray());
            Assert.True(expected[i].GetValues().SequenceEqual(actual[i].GetValues()), $"{what}: row {i} differs");
        }
    }

    private static float[][] Dense(VBuffer<float>[] rows) => rows.Select(r => r.DenseValues().ToArray()).ToArray();

    private static string[] Emails(string file) =>
        DatasetLoader.Load(Path.Combine(AppContext.BaseDirectory, "data", "spam-assassin-small", file), new DatasetOptions { TextColumns = ["text"] })
            .Columns.Single(c => c.Name == "text").Values.ToArray();
}
