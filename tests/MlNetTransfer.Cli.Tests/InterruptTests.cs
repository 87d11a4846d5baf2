namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) in the middle of featurizing stops between batches: exit code 130, a message saying how to resume,
/// no half-written output, the previous output untouched, finished batches kept in the cache; the same command run
/// again resumes from them and finishes.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private long CacheBytes() => Directory.Exists(_dir["cache"])
        ? Directory.GetFiles(_dir["cache"]).Sum(f => { try { return new FileInfo(f).Length; } catch (IOException) { return 0; } })
        : 0;

    [Fact]
    public void Interrupted_featurize_keeps_finished_batches_and_the_rerun_resumes()
    {
        File.WriteAllText(_dir["f.csv"], "previous output\n");
        string[] args = ["featurize", "--data", TestData.FashionTrain, "--out", _dir["f.csv"], "--cache-dir", _dir["cache"]];

        // A batch of 32 embeddings is 64 KB: interrupt once a few batches are in the cache (SQLite WAL).
        var interrupted = CliRunner.RunInterrupted(_dir.Path, null, () => CacheBytes() > 300_000, args);
        Assert.True(interrupted.ExitCode == 130, "expected exit code 130 (interrupted)\n" + interrupted.Describe());
        Assert.Contains("running the same command again resumes", interrupted.Stderr);
        Assert.Equal("previous output\n", File.ReadAllText(_dir["f.csv"])); // not replaced, not half-written
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp*"));

        var resumed = _dir.Run(args).Succeeded();
        var hits = System.Text.RegularExpressions.Regex.Match(resumed.Stdout, @"(\d+) of 300 from the cache");
        Assert.True(hits.Success, resumed.Describe());
        var fromCache = int.Parse(hits.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fromCache, 32, 299); // what the interrupted run finished, not nothing and not everything
        var (header, rows) = TestData.ReadCsv(_dir["f.csv"]);
        Assert.Equal(300, rows.Count);
        Assert.Equal(2 + 512, header.Count);
    }

    [Fact]
    public void A_failed_train_leaves_the_previous_model_untouched()
    {
        var data = _dir["data"];
        TestData.CopyClasses(TestData.FashionTrain, data, "bag", "coat");
        _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--no-cache").Succeeded();
        var before = File.ReadAllBytes(_dir["m.zip"]);
        File.WriteAllBytes(Path.Combine(data, "bag", "broken.png"), [0x89, 0x50, 0x4E, 0x47]);
        _dir.Run("train", "--data", data, "--out", _dir["m.zip"], "--no-cache").UserError();
        Assert.Equal(before, File.ReadAllBytes(_dir["m.zip"]));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }
}
