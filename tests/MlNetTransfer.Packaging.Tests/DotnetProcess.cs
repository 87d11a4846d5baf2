using System.Diagnostics;

namespace MlNetTransfer.Packaging.Tests;

/// <summary>A process run to its end, with its output kept for messages.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>The command, its exit code and its output, for an assertion's message.</summary>
    public string Describe() => $"{Command}\nexit code {ExitCode}\n{Output}";

    /// <summary>This result, after asserting the process exited 0.</summary>
    public ProcessResult Succeeded()
    {
        Assert.True(ExitCode == 0, Describe());
        return this;
    }
}

/// <summary>Runs <c>dotnet</c> (or an installed tool) as a user would in a shell, outside the test host's own MSBuild run.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="directory"/> and waits for its end.</summary>
    public static ProcessResult Run(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Nothing inherited from the test host's MSBuild run (dotnet test sets MSBuild variables for its own build).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult($"{file} {string.Join(' ', args)} (in {directory})", process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Runs the .NET CLI.</summary>
    public static ProcessResult Dotnet(string directory, params string[] args) => Run("dotnet", directory, args);
}
