namespace MlNetTransfer.Cli.Tests.Reliability;

/// <summary>
/// Every run of the app gets TMPDIR pointed at its own fresh folder (.NET's Path.GetTempPath, hence ML.NET's temp
/// copies of ONNX bytes, follow it), and that folder must be empty when the process exits: after two training runs,
/// <c>predict</c> 4 times (each run starts a process and loads ResNet18) on an image model (ONNX bytes inside, copied
/// to a temp file on load: a whole folder once, one image twice) and a text model (one input). Each run has a TMPDIR of
/// its own, so a fifth run would check nothing the first four did not.
/// One entry is allowed: ONNX Runtime's Linux build writes a fixed-name telemetry session file, <c>$TMPDIR/.ses</c>
/// (51 bytes, rewritten by every process that starts ORT; it does not grow with runs and is not ours to delete).
/// Process runs: TMPDIR is process-wide.
/// </summary>
public sealed class PredictTempFilesTests : IDisposable
{
    private const int PredictRuns = 4;

    private const string OnnxRuntimeSessionFile = ".ses";

    private readonly TempDir _dir = new();

    [Fact]
    public void TrainAndRepeatedPredict_LeaveTheirTempFolderEmpty()
    {
        var images = TestData.Images(TestData.FashionTest);
        var run = 0;
        CliResult Run(params string[] args)
        {
            var temp = Directory.CreateDirectory(_dir[$"tmp-{run++}"]).FullName;
            var result = CliRunner.RunProcess(_dir.Path, new Dictionary<string, string> { ["TMPDIR"] = temp }, args).Succeeded();
            var left = Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories)
                .Where(f => f != Path.Combine(temp, OnnxRuntimeSessionFile)).ToArray();
            Assert.True(left.Length == 0, $"{result.Describe()}\nleft in TMPDIR: {string.Join(", ", left)}");
            return result;
        }

        // The models are trained with a TMPDIR of their own too, not checked: this test is about predict.
        TestData.CopyClasses(TestData.FashionTrain, _dir["train"], "bag", "trouser");
        var trainTemp = Directory.CreateDirectory(_dir["tmp-train"]).FullName;
        CliRunner.RunProcess(_dir.Path, new Dictionary<string, string> { ["TMPDIR"] = trainTemp },
            "train", "--data", _dir["train"], "--out", _dir["image.zip"], "--no-cache").Succeeded();
        CliRunner.RunProcess(_dir.Path, new Dictionary<string, string> { ["TMPDIR"] = trainTemp },
            "train", "--data", TestData.SpamTrain, "--test", TestData.SpamTest, "--text-column", "text", "--trainer", "fasttree", "--out", _dir["text.zip"]).Succeeded();

        for (var i = 0; i < PredictRuns; i++)
        {
            var result = (i % 4) switch
            {
                0 => Run("predict", "--model", _dir["image.zip"], "--data", _dir["train"], "--out", _dir["p.csv"]),
                1 => Run("predict", "--model", _dir["text.zip"], "--input", $"Win money now, offer {i}"),
                _ => Run("predict", "--model", _dir["image.zip"], "--input", images[i].Path),
            };
            Assert.NotEmpty(result.Stdout);
        }
        Assert.Equal(PredictRuns, run);
    }

    public void Dispose() => _dir.Dispose();
}
