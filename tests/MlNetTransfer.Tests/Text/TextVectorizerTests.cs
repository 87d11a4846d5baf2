using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetTransfer.Text;

namespace MlNetTransfer.Tests.Text;

public sealed class TextVectorizerTests
{
    private static readonly string[] Corpus =
    [
        "The movie was great, I loved the acting and the running jokes.",
        "Terrible plot. The acting runs flat and I hated it.",
        "A great, great film: loved every minute of it!",
        "Boring and terrible; I hated the ending.",
        "Loved it. Great cast, great music.",
        "Hated it, a boring, terrible waste of time.",
    ];

    private static readonly string[] Labels = ["pos", "neg", "pos", "neg", "pos", "neg"];

    [Fact]
    public void SavedModelLoadsAndGivesIdenticalSparseOutputWithSlotNames()
    {
        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, Corpus.Append("").Append(null));
        var options = TextVectorizerPresets.TfIdf with { StopWords = TextStopWords.English, Stem = true, SublinearTf = true };
        var model = ml.Transforms.Text.Vectorize(ml, "Features", "Text", options).Fit(data);
        var before = model.Transform(data);
        var path = Path.Combine(Path.GetTempPath(), $"mlnt-text-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);

            // ML.NET records each custom mapping's assembly and registers it when loading, so a plain context works
            // as long as MlNetTransfer.dll can be loaded; ContractRegistry.RegisterAll is the explicit way.
            var bare = new MLContext(seed: 1);
            var bareOutput = bare.Model.Load(path, out _).Transform(TextData.View(bare, Corpus));
            Assert.Equal(TextData.Dense(before).Take(Corpus.Length), TextData.Dense(bareOutput));

            var loader = ContractRegistry.RegisterAll(new MLContext(seed: 1));
            var loaded = loader.Model.Load(path, out var inputSchema);
            Assert.Equal(data.Schema["Text"].Type, inputSchema["Text"].Type);
            var after = loaded.Transform(TextData.View(loader, Corpus.Append("").Append(null)));

            Assert.Equal(before.Schema["Features"].Type, after.Schema["Features"].Type);
            Assert.True(((VectorDataViewType)after.Schema["Features"].Type).IsKnownSize);
            Assert.Equal(TextData.SlotNames(before), TextData.SlotNames(after));
            Assert.Contains("mlnt.text.word.love", TextData.SlotNames(after)); // stemmed "loved"
            var expected = TextData.Vectors(before);
            var actual = TextData.Vectors(after);
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.False(actual[i].IsDense);
                Assert.Equal(expected[i].GetIndices().ToArray(), actual[i].GetIndices().ToArray());
                Assert.Equal(expected[i].GetValues().ToArray(), actual[i].GetValues().ToArray());
            }
            // No working column leaks into the output.
            Assert.DoesNotContain(after.Schema, c => c.Name.StartsWith("mlnt.", StringComparison.Ordinal) && !c.IsHidden);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PipelineTrainsAMaximumEntropyClassifier()
    {
        var ml = new MLContext(seed: 0);
        var rows = Corpus.Select((t, i) => new TextData.Row { Text = t, Label = Labels[i] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.Vectorize(ml, "Features", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var predicted = model.Transform(ml.Data.LoadFromEnumerable(new[]
        {
            new TextData.Row { Text = "great acting, loved it" },
            new TextData.Row { Text = "terrible and boring, hated it" },
        })).GetColumn<ReadOnlyMemory<char>>("PredictedLabel").Select(p => p.ToString()).ToArray();
        Assert.Equal(["pos", "neg"], predicted);
    }

    [Fact]
    public void SnowballStemmingMapsRunningAndRunsToRun()
    {
        Assert.Equal("run", TextMappings.StemEnglish("running"));
        Assert.Equal("run", TextMappings.StemEnglish("runs"));

        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, ["Running runs run", "a runner ran"]);
        var options = TextVectorizerPresets.SklearnCount with { Stem = true };
        var output = ml.Transforms.Text.Vectorize(ml, "Features", "Text", options).Fit(data).Transform(data);
        Assert.Equal(["ran", "run", "runner"], TextData.SlotNames(output));
        Assert.Equal([0f, 3f, 0f], TextData.Dense(output)[0]);
    }

    [Theory]
    [InlineData("sklearn-count")]
    [InlineData("sklearn-tfidf")]
    [InlineData("bow")]
    [InlineData("tfidf")]
    public void EmptyWhitespaceAndMissingTextGiveAnAllZeroRow(string featurizer)
    {
        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, ["some words here", "other words", "", "  \t\n ", null]);
        var vectors = TextData.Vectors(ml.Transforms.Text.Vectorize(ml, "Features", "Text", TextVectorizerPresets.Parse(featurizer)).Fit(data).Transform(data));
        Assert.NotEmpty(vectors[0].GetValues().ToArray());
        foreach (var v in vectors.Skip(2))
        {
            Assert.All(v.DenseValues(), x => Assert.Equal(0f, x));
            Assert.Equal(0, v.GetValues().Length);
        }
        Assert.All(vectors, v => Assert.All(v.DenseValues(), x => Assert.False(float.IsNaN(x))));
    }

    [Fact]
    public void AOneMegabyteDocumentWorks()
    {
        var ml = new MLContext(seed: 0);
        var words = new[] { "alpha", "beta", "gamma", "delta", "epsilon" };
        var builder = new System.Text.StringBuilder();
        var i = 0;
        while (builder.Length < 1 << 20) builder.Append(words[i++ % words.Length]).Append(' ');
        var data = TextData.View(ml, [builder.ToString(), "alpha omega"]);
        var output = ml.Transforms.Text.Vectorize(ml, "Features", "Text", TextVectorizerPresets.Bow).Fit(data).Transform(data);
        var names = TextData.SlotNames(output);
        var row = TextData.Dense(output)[0];
        Assert.Equal((i + 4) / 5, (int)row[Array.IndexOf(names, "mlnt.text.word.alpha")]);
        Assert.Equal((i + 3) / 5, (int)row[Array.IndexOf(names, "mlnt.text.word.alpha beta")]);
        Assert.Equal((i + 4) / 5, (int)row[Array.IndexOf(names, "mlnt.text.char. al")]);
        Assert.Equal(0, (int)row[Array.IndexOf(names, "mlnt.text.char. om")]);
    }

    [Fact]
    public void MissingInputColumnFailsAtFitAndSchemaNamingIt()
    {
        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, ["some text"]);
        var estimator = ml.Transforms.Text.Vectorize(ml, "Features", "Review");
        var fit = Assert.Throws<UserInputException>(() => estimator.Fit(data));
        Assert.Contains("'Review'", fit.Message);
        var schema = Assert.Throws<UserInputException>(() => estimator.GetOutputSchema(TestData.ShapeOf(data.Schema)));
        Assert.Contains("'Review'", schema.Message);
        var wrongType = Assert.Throws<UserInputException>(() => ml.Transforms.Text.Vectorize(ml, "Features", "Label").Fit(
            ml.Data.LoadFromEnumerable(new[] { new { Label = 1f } })));
        Assert.Contains("'Label'", wrongType.Message);
    }

    [Fact]
    public void OutputSchemaIsAKnownSizeVectorWithSlotNames()
    {
        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, ["some text"]);
        var shape = ml.Transforms.Text.Vectorize(ml, "Features", "Text").GetOutputSchema(TestData.ShapeOf(data.Schema));
        var column = shape.Single(c => c.Name == "Features");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.Contains(column.Annotations, a => a.Name == "SlotNames");
    }

    [Fact]
    public void UnknownFeaturizerNameListsTheChoices()
    {
        var error = Assert.Throws<UserInputException>(() => TextVectorizerPresets.Parse("word2vec"));
        Assert.Equal("Unknown text featurizer 'word2vec'; expected one of: bow, tfidf, sklearn-count, sklearn-tfidf.", error.Message);
        Assert.Same(TextVectorizerPresets.SklearnTfIdf, TextVectorizerPresets.Parse("SKLEARN-TFIDF"));
    }

    [Fact]
    public void InvalidOptionsAreAllReportedInOneMessage()
    {
        var ml = new MLContext(seed: 0);
        var error = Assert.Throws<UserInputException>(() => ml.Transforms.Text.Vectorize(ml, "F", "Text",
            TextVectorizerPresets.SklearnTfIdf with { WordNgrams = new NgramRange(1, 4), MaxDocumentFrequency = 1.5, MaxFeatures = 0 }));
        Assert.Contains("WordNgrams", error.Message);
        Assert.Contains("MaxDocumentFrequency", error.Message);
        Assert.Contains("MaxFeatures", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PruningEverythingIsAUserError()
    {
        var ml = new MLContext(seed: 0);
        var data = TextData.View(ml, ["one two", "three four"]);
        var error = Assert.Throws<UserInputException>(() =>
            ml.Transforms.Text.Vectorize(ml, "F", "Text", TextVectorizerPresets.SklearnCount with { MinDocumentFrequency = 2 }).Fit(data));
        Assert.Contains("'Text'", error.Message);
    }

    [Fact]
    public void EveryNgramRangeHasARegisteredContract()
    {
        for (var min = 1; min <= 3; min++)
            for (var max = min; max <= 3; max++)
                Assert.True(TextMappings.FactoryTypes.Value.ContainsKey(TextMappings.WordNgrams(new NgramRange(min, max))));
        for (var min = 1; min <= 5; min++)
            for (var max = min; max <= 5; max++)
                Assert.True(TextMappings.FactoryTypes.Value.ContainsKey(TextMappings.CharWbNgrams(new NgramRange(min, max))));
        var factory = (WordNgramsMapping)Activator.CreateInstance(TextMappings.FactoryTypes.Value[TextMappings.WordNgrams(new NgramRange(2, 3))])!;
        var src = new TokensRow { Tokens = new VBuffer<ReadOnlyMemory<char>>(4, ["a".AsMemory(), "b".AsMemory(), "c".AsMemory(), "d".AsMemory()]) };
        var dst = new TermsRow();
        factory.GetMapping()(src, dst);
        Assert.Equal(["a b", "b c", "c d", "a b c", "b c d"], dst.Terms.DenseValues().Select(t => t.ToString()));
    }

    [Fact]
    public void FitsItsStepsInTheCallersContext()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        // The data comes from another context, so whatever reaches ml's log comes from the vectorizer's own steps.
        var data = TextData.View(new MLContext(seed: 0), Corpus);
        var output = ml.Transforms.Text.Vectorize(ml, "Features", "Text").Fit(data).Transform(data);
        Assert.Equal(Corpus.Length, TextData.Vectors(output).Length);
        Assert.NotEmpty(messages);

        var other = new MLContext(seed: 0);
        Assert.Throws<ArgumentException>(() => other.Transforms.Text.Vectorize(ml, "Features", "Text"));
    }
}
