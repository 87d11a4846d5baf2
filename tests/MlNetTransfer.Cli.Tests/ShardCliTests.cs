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
        var trained = _dir.Run("train", "--features", _dir["features"], "--test", test, "--out", _dir["m.zip"]).Succeeded();
        Assert.True(File.Exists(_dir["m.zip"]), trained.Describe());
        var predicted = _dir.Run("predict", "--model", _dir["m.zip"], "--input", Directory.GetFiles(Path.Combine(test, "bag"))[0]).Succeeded();
        Assert.Contains("bag", predicted.Stdout);

        Assert.Contains("--shard must be <i>/<n> with whole numbers", _dir.Run("featurize", "--data", data, "--shard", "3/x", "--out", _dir["x.parquet"]).UserError());
        Assert.Contains("give data or features, not both", _dir.Run("train", "--data", data, "--features", _dir["features"], "--out", _dir["y.zip"]).UserError());
    }
}
