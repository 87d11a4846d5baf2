namespace MlNetTransfer.Cli.Tests;

/// <summary>
/// Most tests run the app in-process (<see cref="CliRunner.Run"/>); these check that the real process says and returns
/// exactly the same: exit codes 0 and 1, stdout and stderr byte for byte. (Exit code 130 on Ctrl+C: InterruptTests.)
/// </summary>
public sealed class ProcessRunTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void AssertSameInProcessAndAsProcess(params string[] args)
    {
        var process = _dir.RunProcess(args);
        var inProcess = _dir.Run(args);
        Assert.True(process.ExitCode == inProcess.ExitCode && process.Stdout == inProcess.Stdout && process.Stderr == inProcess.Stderr,
            $"the process and the in-process run differ\n{process.Describe()}\n--- in-process ---\n{inProcess.Describe()}");
    }

    [Fact]
    public void Success_exits_0_with_the_same_output()
    {
        _dir.RunProcess("inspect", TestData.Resnet18Onnx).Succeeded();
        AssertSameInProcessAndAsProcess("inspect", TestData.Resnet18Onnx);
    }

    [Fact]
    public void User_error_exits_1_with_the_same_output()
    {
        _dir.RunProcess("train", "--data", _dir["no-such-folder"], "--out", _dir["m.zip"]).UserError();
        AssertSameInProcessAndAsProcess("train", "--data", _dir["no-such-folder"], "--out", _dir["m.zip"]);
        AssertSameInProcessAndAsProcess("train", "--data", _dir["d"], "--out", _dir["m.zip"], "--seed", "1.5");
    }

    [Fact]
    public void Help_is_the_same()
    {
        Assert.Equal(0, _dir.RunProcess("train", "--help").ExitCode);
        AssertSameInProcessAndAsProcess("train", "--help");
    }

    [Fact]
    public void Verbose_belongs_to_its_own_run()
    {
        string[] args = ["train", "--data", _dir["no-such-folder"], "--out", _dir["m.zip"]];
        var results = Enumerable.Range(0, 8).AsParallel().Select(i => i % 2 == 0 ? _dir.Run([.. args, "--verbose"]) : _dir.Run(args)).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(1, results[i].ExitCode);
            var lines = results[i].Stderr.TrimEnd('\n').Split('\n');
            if (i % 2 == 0) Assert.True(lines.Length > 1 && results[i].Stderr.Contains("UserInputException", StringComparison.Ordinal), results[i].Describe());
            else results[i].UserError();
        }
    }
}
