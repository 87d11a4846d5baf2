using MlNetTransfer.Common;

namespace MlNetTransfer.Bench;

/// <summary>BENCHMARKS.md: each command owns one "## " section and replaces only that one.</summary>
internal static class SectionFile
{
    /// <summary>Writes <paramref name="section"/> into <paramref name="path"/>, replacing the section with the same title, atomically.</summary>
    public static void WriteSection(string path, string title, string section)
    {
        AtomicFile.CheckWritable(path, "benchmark report");
        var text = File.Exists(path)
            ? File.ReadAllText(path)
            : "# Benchmarks\n\nMeasured numbers for MlNetTransfer. Each section is written by the command it shows; run it again to refresh the section.\n";
        AtomicFile.WriteText(path, ReplaceSection(text, title, section));
    }

    /// <summary>The text with the section titled <paramref name="title"/> (up to the next "## " heading) replaced, or appended.</summary>
    internal static string ReplaceSection(string text, string title, string section)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == title);
        var body = section.TrimEnd('\n').Split('\n');
        if (start < 0)
        {
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return string.Join("\n", lines.Append("").Concat(body)) + "\n";
        }
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var after = end < 0 ? [] : lines.Skip(end).ToList();
        var before = lines.Take(start).ToList();
        var result = before.Concat(body).Concat(after.Count > 0 ? new[] { "" }.Concat(after) : []);
        return string.Join("\n", result).TrimEnd('\n') + "\n";
    }
}
