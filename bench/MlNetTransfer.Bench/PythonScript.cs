using System.Diagnostics;
using System.Text.Json;

namespace MlNetTransfer.Bench;

/// <summary>Runs a peer's Python script (fed on standard input) and reads the one JSON object it prints.</summary>
internal static class PythonScript
{
    /// <summary>
    /// Runs <c>python - args…</c> with <paramref name="script"/> on standard input; the printed JSON's root, or null with
    /// <paramref name="whyNot"/> set to the script's last error line when it exits non-zero.
    /// </summary>
    public static JsonElement? Run(string python, string script, IEnumerable<string> args, out string? whyNot)
    {
        whyNot = null;
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-");
        foreach (var argument in args) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        process.StandardInput.Write(script.Replace("\r\n", "\n"));
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            whyNot = $"{python} failed: {error.Result.Trim().Split('\n').LastOrDefault()}";
            return null;
        }
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
