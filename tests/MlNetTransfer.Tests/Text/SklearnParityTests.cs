using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Text;

namespace MlNetTransfer.Tests.Text;

/// <summary>The scikit-learn presets and options against scikit-learn 1.2.1's own output (Fixtures/).</summary>
public sealed class SklearnParityTests
{
    [Fact]
    public void SeedDocumentsGiveCountVectorizersFourByTwentyFourMatrix()
    {
        var ml = new MLContext(seed: 0);
        var docs = SklearnFixtures.Documents("seed");
        var data = TextData.View(ml, docs);
        var output = ml.Transforms.Text.Vectorize(ml, "Features", "Text", TextVectorizerPresets.SklearnCount).Fit(data).Transform(data);

        var names = TextData.SlotNames(output);
        Assert.Equal(24, names.Length);
        Assert.Equal(["brown", "catch", "chase", "circles", "day", "dog", "entire", "finally", "fox", "in", "its", "jumped",
            "lazy", "over", "quick", "ran", "slept", "tail", "the", "through", "to", "trying", "up", "woke"], names);
        float[][] expected =
        [
            [1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1, 0, 0, 0, 0],
            [0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0],
            [0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 1, 0, 1, 1],
        ];
        Assert.Equal(expected, TextData.Dense(output));
        // ... and the same as the fixture scikit-learn wrote.
        TextData.AssertClose(SklearnFixtures.Matrix(SklearnFixtures.Case("count_seed"), "fit"), TextData.Dense(output), 0, "count_seed");
    }

    public static TheoryData<string> Cases() => new(SklearnFixtures.CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesScikitLearn(string name)
    {
        var @case = SklearnFixtures.Case(name);
        var ml = new MLContext(seed: 0);
        var fitDocs = SklearnFixtures.Documents(@case.GetProperty("fitDocuments").GetString()!);
        var heldDocs = SklearnFixtures.Documents(@case.GetProperty("transformDocuments").GetString()!);
        var model = ml.Transforms.Text.Vectorize(ml, "Features", "Text", SklearnFixtures.Options(@case)).Fit(TextData.View(ml, fitDocs));

        var fitted = model.Transform(TextData.View(ml, fitDocs));
        var expectedNames = SklearnFixtures.FeatureNames(@case);
        var names = TextData.SlotNames(fitted);
        if (SklearnFixtures.Options(@case).CharNgrams is not null && SklearnFixtures.Options(@case).WordNgrams is not null)
            names = PresetNames(names);
        Assert.Equal(expectedNames, names);
        Assert.Equal(expectedNames.Length, ((VectorDataViewType)fitted.Schema["Features"].Type).Size);
        TextData.AssertClose(SklearnFixtures.Matrix(@case, "fit"), TextData.Dense(fitted), 1e-6, name + " fit");
        TextData.AssertClose(SklearnFixtures.Matrix(@case, "transform"), TextData.Dense(model.Transform(TextData.View(ml, heldDocs))), 1e-6, name + " transform");
    }

    /// <summary>FeatureUnion prefixes names with the part ("word__the", "char__ th"); ML.NET's Concatenate with "column.slot".</summary>
    private static string[] PresetNames(string[] names) => names
        .Select(n => n.StartsWith("mlnt.text.word.", StringComparison.Ordinal) ? "word__" + n["mlnt.text.word.".Length..]
            : n.StartsWith("mlnt.text.char.", StringComparison.Ordinal) ? "char__" + n["mlnt.text.char.".Length..] : n)
        .ToArray();

    [Fact]
    public void TokenizerAndLowercaseMatchScikitLearnsAnalyzer()
    {
        var docs = SklearnFixtures.Root.GetProperty("tokenDocuments").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var expected = SklearnFixtures.Root.GetProperty("tokens").EnumerateArray()
            .Select(t => t.EnumerateArray().Select(e => e.GetString()!).ToArray()).ToArray();
        Assert.Contains(expected, t => t.Contains("σοφιας")); // final sigma
        for (var i = 0; i < docs.Length; i++)
        {
            var tokens = default(VBuffer<ReadOnlyMemory<char>>);
            Analyzers.Tokenize(PythonText.Lower(docs[i].AsMemory()), ref tokens);
            Assert.Equal(expected[i], tokens.DenseValues().Select(t => t.ToString()).ToArray());
        }
    }

    [Fact]
    public void MaxFeaturesTieBreakIsNumpysArgsort()
    {
        foreach (var c in SklearnFixtures.Root.GetProperty("argsortCases").EnumerateArray())
        {
            var values = c.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            var expected = c.GetProperty("argsort").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(expected, NumpyArgsort.Argsort(values));
        }
    }

    [Fact]
    public void FixturesRecordTheirScikitLearnVersionAndStopWords()
    {
        Assert.Equal("1.2.1", SklearnFixtures.Root.GetProperty("sklearnVersion").GetString());
        Assert.Equal(SklearnFixtures.Root.GetProperty("englishStopWords").EnumerateArray().Select(e => e.GetString()!), TextStopWords.English);
    }
}
