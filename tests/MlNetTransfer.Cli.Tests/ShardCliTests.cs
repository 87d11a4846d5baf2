namespace MlNetTransfer.Cli.Tests;

/// <summary><c>featurize --shard</c> on two "machines", then <c>train --features</c> on their folder; a bad <c>--shard</c> is a user error.</summary>
public sealed class ShardCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TwoShards_ThenTrainFromTheirFolder_SavesAModelThatPredictsRawImages()
    {
        var data = _dir.ImageFolder("data", perClass: 5);
        var test = _dir.ImageFolder("test", perClass: 2);
        Directory.CreateDirectory(_dir["features"]);
        foreach (var i in new[] { 0, 1 })
            Assert.Matches(@"\d+ rows of features written", _dir.Run("featurize", "--data", data, "--shard", $"{i}/2", "--out", _dir[Path.Combine("features", $"part-{i}.parquet")]).Succeeded().Stdout);
        // A finished shard run again writes nothing, and says only that.
        var rerun = _dir.Run("featurize", "--data", data, "--shard", "0/2", "--out", _dir[Path.Combine("features", "part-0.parquet")]).Succeeded().Stdout;
        Assert.Matches(@"part-0\.parquet already holds shard 0/2's \d+ rows of features by this featurizer: nothing written", rerun);
        Assert.DoesNotContain("rows of features written", rerun);
        var trained = _dir.Run("train", "--features", _dir["features"], "--test", test, "--out", _dir["m.zip"]).Succeeded();
        Assert.True(File.Exists(_dir["m.zip"]), trained.Describe());
        var predicted = _dir.Run("predict", "--model", _dir["m.zip"], "--input", Directory.GetFiles(Path.Combine(test, "bag"))[0]).Succeeded();
        Assert.Contains("bag", predicted.Stdout);

        Assert.Contains("--shard must be <i>/<n> with whole numbers", _dir.Run("featurize", "--data", data, "--shard", "3/x", "--out", _dir["x.parquet"]).UserError());
        Assert.Contains("give data or features, not both", _dir.Run("train", "--data", data, "--features", _dir["features"], "--out", _dir["y.zip"]).UserError());

        // Options the features files decide are refused, not ignored; an output on an input is refused, not written over it.
        var part = _dir[Path.Combine("features", "part-0.parquet")];
        var bytes = File.ReadAllBytes(part);
        Assert.Contains("--backbone has no effect with --features", _dir.Run("train", "--features", _dir["features"], "--backbone", "resnet18-int8", "--out", _dir["y.zip"]).UserError());
        Assert.Contains("--label has no effect with --features", _dir.Run("train", "--features", _dir["features"], "--label", "x", "--out", _dir["y.zip"]).UserError());
        Assert.Contains("is the features or inside its folder, which it would overwrite", _dir.Run("train", "--features", _dir["features"], "--metrics-json", part, "--out", _dir["y.zip"]).UserError());
        Assert.Contains("is the test data or inside its folder", _dir.Run("train", "--data", data, "--test", test, "--metrics-json", Path.Combine(test, "bag", "m.json"), "--out", _dir["y.zip"]).UserError());
        Assert.Equal(bytes, File.ReadAllBytes(part));
        Assert.False(File.Exists(_dir["y.zip"]));

        // The same shard featurized twice (a copy of the data elsewhere) is refused: its rows would count twice.
        var copy = _dir.ImageFolder("copy", perClass: 5);
        _dir.Run("featurize", "--data", copy, "--shard", "0/2", "--out", _dir[Path.Combine("features", "again-0.parquet")]).Succeeded();
        Assert.Contains("are both shard 0/2", _dir.Run("train", "--features", _dir["features"], "--out", _dir["y.zip"]).UserError());
    }
}
