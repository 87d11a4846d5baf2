using System.Diagnostics;
using Spectre.Console;

namespace MlNetTransfer.Cli.Tests;

/// <summary>What one run of the app produced.</summary>
public sealed record CliResult(IReadOnlyList<string> Args, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything a failed assertion needs to say what happened.</summary>
    public string Describe() =>
        $"mlnet-transfer {string.Join(' ', Args)}\nexit code: {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>Asserts exit code 0.</summary>
    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, "expected success\n" + Describe());
        return this;
    }

    /// <summary>Asserts exit code 1 and exactly one line on stderr starting with "error: "; returns that line.</summary>
    public string UserError()
    {
        Assert.True(ExitCode == 1, "expected a user error (exit code 1)\n" + Describe());
        var lines = Stderr.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, "expected exactly one line on stderr\n" + Describe());
        Assert.StartsWith("error: ", lines[0]);
        return lines[0];
    }
}

/// <summary>
/// Runs the app and captures stdout, stderr and the exit code. <see cref="Run"/> runs it in this process through
/// <see cref="CliApp.Run(string[], IAnsiConsole, TextWriter, CancellationToken)"/>, the same entry point the real
/// <c>Program.cs</c> calls, on a plain 80-column console like a redirected process gets. Nothing process-wide changes
/// for a run (no current directory, no environment), so every path given must be absolute. <see cref="RunProcess"/>
/// and <see cref="RunInterrupted"/> run the real app (mlnet-transfer.dll, copied next to the test assembly by the
/// project reference) as a subprocess with <c>dotnet</c>, for what needs a process: its exit code, Ctrl+C, its own
/// environment (TMPDIR) or a working folder (relative paths).
/// </summary>
public static class CliRunner
{
    /// <summary>
    /// A hang guard, not a speed check: a training run takes ~30 s on 2 quiet cores, but the demo took over 5 minutes
    /// on a shared machine with a load average of 50, so the guard is far above anything a working run needs.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    /// <summary>One cache home for every run of the test session (SQLite in WAL mode takes concurrent processes).</summary>
    public static readonly string SharedCacheHome = Path.Combine(Path.GetTempPath(), "mlnet-transfer-cli-tests", "cache-home");

    /// <summary>
    /// Hermetic in-process runs, as for the subprocesses: the default embedding cache is <see cref="SharedCacheHome"/>,
    /// never the user's, and no extra models folder comes from the environment. Set once, before the first run, to the
    /// same values for every test, so parallel tests cannot disagree about them.
    /// </summary>
    static CliRunner()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", SharedCacheHome);
        Environment.SetEnvironmentVariable("MLNET_TRANSFER_MODELS", null);
    }

    /// <summary>The app's main assembly, next to the test assembly.</summary>
    public static string AppPath => Path.Combine(AppContext.BaseDirectory, "mlnet-transfer.dll");

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs the app in this process; every path in <paramref name="args"/> must be absolute.</summary>
    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // What a process with redirected output and NO_COLOR=1 gets: no ANSI, no colours, no live progress, 80 columns.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        var exitCode = CliApp.Run(args, console, stderr, CancellationToken.None);
        return new CliResult(args, exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the real app as a process in <paramref name="workingDirectory"/>.</summary>
    public static CliResult RunProcess(string workingDirectory, params string[] args) => RunProcess(workingDirectory, null, args);

    /// <summary>Runs the real app as a process with <paramref name="environment"/> set on top of the hermetic defaults (TMPDIR, say).</summary>
    public static CliResult RunProcess(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunInterrupted(workingDirectory, environment, interruptWhen: null, args);

    /// <summary>
    /// Runs the real app as a process and, once <paramref name="interruptWhen"/> holds (polled every 100 ms), sends it
    /// SIGINT as Ctrl+C would; null: never interrupt.
    /// </summary>
    public static CliResult RunInterrupted(string workingDirectory, IReadOnlyDictionary<string, string>? environment, Func<bool>? interruptWhen,
        params string[] args)
    {
        Assert.True(File.Exists(AppPath), $"'{AppPath}' is missing: the project reference should copy the app next to the tests.");
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        // Hermetic: no extra models folder from the environment, plain output.
        start.Environment.Remove("MLNET_TRANSFER_MODELS");
        // The default embedding cache goes to a test folder, never the user's.
        start.Environment["XDG_CACHE_HOME"] = SharedCacheHome;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (interruptWhen is not null)
        {
            var deadline = DateTime.UtcNow + Timeout;
            while (!process.HasExited && !interruptWhen() && DateTime.UtcNow < deadline) Thread.Sleep(100);
            if (!process.HasExited)
                using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
                    kill.WaitForExit();
        }
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"mlnet-transfer {string.Join(' ', args)} did not finish within {Timeout}.\n--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        }
        process.WaitForExit(); // drains the redirected streams
        return new CliResult(args, process.ExitCode, stdout.Result, stderr.Result);
    }
}
