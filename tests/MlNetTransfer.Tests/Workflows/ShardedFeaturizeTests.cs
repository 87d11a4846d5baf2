using MlNetTransfer.Backbones;
using MlNetTransfer.Common;
using MlNetTransfer.Workflows;

namespace MlNetTransfer.Tests.Workflows;

/// <summary>
/// <c>featurize --shard i/n</c> and <c>train --features</c>: shards together are one run, bit for bit; a model trained
/// from them is the model trained from the images; an interrupted shard resumes; odd inputs are refused clearly.
/// </summary>
public sealed class ShardedFeaturizeTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FourShards_AreTogetherOneUnshardedRun_AndTrainTheSameModel()
    {
        var (train, test) = CopyImages(12, 5, "bag", "coat");
        var whole = Path.Combine(_dir, "whole.parquet");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = train, Out = whole });
        var shards = Path.Combine(_dir, "shards");
        Directory.CreateDirectory(shards);
        var counts = Enumerable.Range(0, 4).Select(i => FeaturizeWorkflow.Run(new FeaturizeOptions
        {
            Data = train, Out = Path.Combine(shards, $"part-{i}.parquet"), Shard = new ShardSpec(i, 4), ShardPartRows = 4,
        })).ToList();
        Assert.Equal(24, counts.Sum());
        Assert.All(counts, c => Assert.InRange(c, 1, 15)); // content hashes spread the rows
        Assert.Empty(Directory.GetDirectories(shards)); // part folders are gone once a shard is complete

        var one = FeatureFiles.Read([whole], null, isTraining: true);
        var four = FeatureFiles.Read([shards], null, isTraining: true);
        Assert.Equal(one.Dataset.Ids, four.Dataset.Ids); // same rows, in the unsharded order
        Assert.Equal(one.Dataset.Labels, four.Dataset.Labels);
        var expected = one.FeaturesOf(one.Dataset);
        var actual = four.FeaturesOf(four.Dataset);
        // Shards run other batches (4 rows) than the whole run: bit-identical on the AMD EPYC kind, but ONNX Runtime may sum
        // in another order for another batch shape on another CPU, so the stated tolerance is 1e-5 per value.
        for (var r = 0; r < expected.Length; r++)
        {
            var difference = expected[r].DenseValues().Zip(actual[r].DenseValues(), (a, b) => Math.Abs(a - b)).Max();
            Assert.True(expected[r].Length == actual[r].Length && difference <= 1e-5, $"row {r} ({one.Dataset.Ids[r]}) differs between the shards and one run by {difference}");
        }
        Assert.Equal(one.Record.ToJson(), four.Record.ToJson());

        // Trained from the shards, with the test images featurized to Parquet too (a raw --test is the CLI test's): no backbone runs.
        var testFeatures = Path.Combine(_dir, "test.parquet");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = test, Out = testFeatures });
        var direct = TrainWorkflow.Run(new TrainOptions { Data = train, Test = test, Out = Path.Combine(_dir, "direct.zip") });
        var fromShards = TrainWorkflow.Run(new TrainOptions { Features = [shards], Test = testFeatures, Out = Path.Combine(_dir, "shards.zip") });
        Assert.Equal(0, fromShards.Featurizing.ImagesRun);
        AssertSamePredictions(direct.TestPredictions, fromShards.TestPredictions, 1e-4); // features equal to 1e-5 (above)

        // The zip holds the recorded featurizer: it predicts from raw images what training predicted (the saved path agrees with
        // the training path to 1e-5, ARCHITECTURE's "the same").
        using var saved = ModelPredictor.Load(fromShards.ModelPath);
        AssertSamePredictions(direct.TestPredictions, direct.TestPredictions.Select(p => saved.Predict(p.Id)).ToList(), 1e-5);
    }

    [Fact]
    public void AnInterruptedShard_ResumesFromItsWrittenParts_AndEndsAsAnUninterruptedOne()
    {
        var (train, _) = CopyImages(10, 0, "bag");
        var output = Path.Combine(_dir, "s.parquet");
        var options = new FeaturizeOptions { Data = train, Out = output, Shard = new ShardSpec(0, 1), ShardPartRows = 4 };
        using (var stop = new CancellationTokenSource())
        {
            var progress = new SynchronousProgress<WorkflowProgress>(p => { if (p.Stage.Contains("part 2 of 3", StringComparison.Ordinal)) stop.Cancel(); });
            Assert.ThrowsAny<OperationCanceledException>(() => FeaturizeWorkflow.Run(options, progress, stop.Token));
        }
        Assert.False(File.Exists(output));
        var parts = output + ".parts";
        var first = Path.Combine(parts, "part-000000.parquet");
        Assert.Equal([first], Directory.GetFiles(parts, "*.parquet"));
        var written = File.GetLastWriteTimeUtc(first);

        var messages = new List<string>();
        Assert.Equal(10, FeaturizeWorkflow.Run(options, new SynchronousProgress<WorkflowProgress>(p => messages.Add($"{p.Stage}: {p.Detail}"))));
        Assert.Contains(messages, m => m.Contains("resumed: 4 of 10 rows were already written", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("part 1 of 3", StringComparison.Ordinal)); // part 1 was not featurized again
        Assert.False(Directory.Exists(parts));

        var uninterrupted = Path.Combine(_dir, "u.parquet");
        FeaturizeWorkflow.Run(options with { Out = uninterrupted });
        var resumed = FeatureFiles.Read([output], null, isTraining: true);
        var whole = FeatureFiles.Read([uninterrupted], null, isTraining: true);
        Assert.Equal(whole.Dataset.Ids, resumed.Dataset.Ids);
        Assert.Equal(whole.FeaturesOf(whole.Dataset).Select(v => v.DenseValues().ToArray()), resumed.FeaturesOf(resumed.Dataset).Select(v => v.DenseValues().ToArray()));
        Assert.True(written > DateTime.MinValue);

        // A third run finds the shard complete and leaves it alone.
        var before = File.GetLastWriteTimeUtc(output);
        messages.Clear();
        var again = FeaturizeWorkflow.Featurize(options, new SynchronousProgress<WorkflowProgress>(p => messages.Add($"{p.Stage}: {p.Detail}")));
        Assert.Equal((10, true), (again.Rows, again.AlreadyComplete));
        Assert.DoesNotContain(messages, m => m.StartsWith("Featurizing", StringComparison.Ordinal));
        Assert.Equal(before, File.GetLastWriteTimeUtc(output));
    }

    [Theory]
    [InlineData("3/x", "must be <i>/<n> with whole numbers")]
    [InlineData("4/4", "index 4 is not below the number of shards 4: shards are numbered 0 to 3")]
    [InlineData("0/0", "needs at least one shard")]
    [InlineData("-1/4", "must be <i>/<n> with whole numbers")]
    [InlineData("1", "must be <i>/<n> with whole numbers")]
    public void BadShardTexts_SayWhatWasExpected(string text, string expected)
    {
        Assert.Contains(expected, ShardSpec.Problem(text));
        Assert.Contains(text, Assert.Throws<UserInputException>(() => ShardSpec.Parse(text)).Message);
    }

    [Fact]
    public void ShardOptions_AreChecked_AndShardsSplitAnyInputsDisjointly()
    {
        Assert.Equal(new ShardSpec(2, 8), ShardSpec.Parse(" 2/8"));
        var problems = new FeaturizeOptions { Data = "d", Out = "x.csv", Shard = new ShardSpec(5, 4), ShardPartRows = 0 }.Problems().Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.Contains("Shard index must be between 0 and 3 (got 5)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Shard writes a Parquet file", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ShardPartRows must be at least 1", StringComparison.Ordinal));
        // Every hash falls in exactly one shard of n.
        var hashes = Enumerable.Range(0, 200).Select(i => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))).ToList();
        foreach (var n in new[] { 1, 3, 7 })
            Assert.All(hashes, h => Assert.Single(Enumerable.Range(0, n), i => new ShardSpec(i, n).Holds(h)));
    }

    [Fact]
    public void AnEmptyShard_WritesAFileWithNoRows_AndTextVocabulariesAreRefused()
    {
        var data = Path.Combine(_dir, "one", "bag");
        Directory.CreateDirectory(data);
        File.Copy(TestData.Images(TestData.FashionTrain, 1)[0].Path, Path.Combine(data, "a.png"));
        var outputs = Enumerable.Range(0, 3).Select(i => Path.Combine(_dir, $"e{i}.parquet")).ToList();
        var counts = outputs.Select((o, i) => FeaturizeWorkflow.Run(new FeaturizeOptions { Data = Path.GetDirectoryName(data)!, Out = o, Shard = new ShardSpec(i, 3) })).ToList();
        Assert.Equal([0, 0, 1], counts.Order());
        var (metadata, slots, rows) = FeatureFileReader.Read(outputs[counts.IndexOf(0)]);
        Assert.Equal(0, rows.Count);
        Assert.Equal(512, slots.Count);
        Assert.Contains(FeaturizerRecord.MetadataKey, metadata.Keys);
        // Training on features files with no rows at all says so (not that it "needs at least two labels").
        var empty = outputs.Where((_, i) => counts[i] == 0).ToList();
        var noRows = Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions { Features = [empty[0]], Out = Path.Combine(_dir, "e.zip") }));
        Assert.StartsWith($"Features file '{empty[0]}' has no rows", noRows.Message);
        Assert.Contains("have no rows", Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions { Features = empty, Out = Path.Combine(_dir, "e.zip") })).Message);

        var csv = Path.Combine(_dir, "t.csv");
        File.WriteAllLines(csv, ["message,label", "free cash now,spam", "meeting at noon,ham", "cash prize free,spam", "lunch at noon,ham"]);
        var refused = Assert.Throws<UserInputException>(() => FeaturizeWorkflow.Run(new FeaturizeOptions { Data = csv, Out = Path.Combine(_dir, "t.parquet"), Shard = new ShardSpec(0, 2) }));
        Assert.Contains("message.tfidf", refused.Message);
        Assert.Contains("--shard featurizes with frozen ONNX backbones only", refused.Message);
        Assert.Contains("part message.tfidf (text vectorizer (vocabulary fitted on the training data); from column message) is not one", refused.Message);
        var numbers = Path.Combine(_dir, "n.csv");
        File.WriteAllLines(numbers, ["a,b,c,d,e,label", "1,2,3,4,5,x", "2,3,4,5,6,y", "3,4,5,6,7,x", "4,5,6,7,8,y"]);
        var numeric = Assert.Throws<UserInputException>(() => FeaturizeWorkflow.Run(new FeaturizeOptions { Data = numbers, Out = Path.Combine(_dir, "n.parquet"), Shard = new ShardSpec(0, 2) }));
        Assert.Contains("part numeric (numeric columns, missing values replaced by the mean, standardised; from columns a, b, c, d and 1 more) is not one", numeric.Message);
    }

    [Fact]
    public void FeaturesOfAnotherFeaturizer_MixedFiles_AndFilesWithoutARecord_AreRefusedNamingTheFile()
    {
        var (train, test) = CopyImages(3, 3, "bag", "coat");
        // A backbone given as an ONNX path (one the catalog does not know by name) is found again through the file's metadata.
        var builtIn = BuiltInBackbones.ResNet18;
        var onnx = Path.Combine(_dir, "mine.onnx");
        File.CreateSymbolicLink(onnx, builtIn.ModelPath);
        File.WriteAllText(Path.Combine(_dir, "mine.json"), BackboneManifest.Template("mine", "mine.onnx", builtIn.Input, builtIn.Output, 512, 224, 224));
        var good = Path.Combine(_dir, "good.parquet");
        FeaturizeWorkflow.Run(new FeaturizeOptions { Data = train, Out = good, Backbones = [onnx] });
        var trained = TrainWorkflow.Run(new TrainOptions { Features = [good], Test = test, Out = Path.Combine(_dir, "good.zip") });
        Assert.Equal((6, 6), (trained.TrainExamples, trained.TestExamples));

        // plot maps features files as they are.
        var map = PlotWorkflow.Run(new PlotOptions { Features = new FeaturizeOptions { Data = good }, Out = Path.Combine(_dir, "map.png"), Method = MapMethod.Pca });
        Assert.Equal(6, map.Points);
        Assert.Equal(FeatureFiles.Read([good], null, isTraining: false).Dataset.Ids, File.ReadLines(map.Coordinates).Skip(1).Select(l => l.Split(',')[0]));

        var (metadata, slots, rows) = FeatureFileReader.Read(good);
        var record = FeaturizerRecord.Parse(good, metadata[FeaturizerRecord.MetadataKey]);
        Assert.Equal("mine", record.Parts.Single().Featurizer);
        var other = record with { Parts = [record.Parts[0] with { ModelSha256 = new string('0', 64) }] };
        var forged = Path.Combine(_dir, "other", "forged.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(forged)!);
        ParquetOutput.Write(forged, slots, new Dictionary<string, string>(metadata) { [FeaturizerRecord.MetadataKey] = other.ToJson() }, false,
            [rows with { Ids = rows.Ids.Select(i => i + "-copy").ToList() }]);

        var mixed = Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions { Features = [good, forged], Test = test, Out = Path.Combine(_dir, "m.zip") }));
        Assert.Contains(good, mixed.Message);
        Assert.Contains(forged, mixed.Message);
        Assert.Contains("different featurizers", mixed.Message);

        var mismatch = Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions { Features = [forged], Test = test, Out = Path.Combine(_dir, "x.zip") }));
        Assert.Contains(forged, mismatch.Message);
        Assert.Contains("sha256 " + new string('0', 64), mismatch.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "x.zip")));

        var bare = Path.Combine(_dir, "bare.parquet");
        ParquetOutput.Write(bare, slots, new Dictionary<string, string>(), false, [rows]);
        var missing = Assert.Throws<UserInputException>(() => TrainWorkflow.Run(new TrainOptions { Features = [bare], Test = train, Out = Path.Combine(_dir, "b.zip") }));
        Assert.Contains(bare, missing.Message);
        Assert.Contains("does not say which featurizer made it", missing.Message);

        var both = new TrainOptions { Features = [good], Data = train, Out = "m.zip" }.Problems().Select(p => p.ToString());
        Assert.Contains(both, p => p.Contains("give data or features, not both", StringComparison.Ordinal));
    }

    /// <summary>The first <paramref name="train"/> and <paramref name="test"/> shipped images of each class, copied into class folders under the test's folder.</summary>
    private (string Train, string Test) CopyImages(int train, int test, params string[] labels)
    {
        foreach (var (split, source, count) in new[] { ("train", TestData.FashionTrain, train), ("test", TestData.FashionTest, test) })
            foreach (var (path, label) in TestData.Images(source, count).Where(i => labels.Contains(i.Label)))
                File.Copy(path, Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "data", split, label)).FullName, Path.GetFileName(path)));
        return (Path.Combine(_dir, "data", "train"), Path.Combine(_dir, "data", "test"));
    }

    private static void AssertSamePredictions(IReadOnlyList<Prediction> expected, IReadOnlyList<Prediction> actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Select(p => (p.Id, p.Predicted)), actual.Select(p => (p.Id, p.Predicted)));
        for (var i = 0; i < expected.Count; i++)
            for (var k = 0; k < expected[i].Probabilities.Count; k++)
                Assert.True(Math.Abs(expected[i].Probabilities[k] - actual[i].Probabilities[k]) <= tolerance,
                    $"{expected[i].Id} class {k}: {expected[i].Probabilities[k]} trained from images, {actual[i].Probabilities[k]} from features");
    }
}
