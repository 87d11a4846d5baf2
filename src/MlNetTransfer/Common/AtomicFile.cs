namespace MlNetTransfer.Common;

/// <summary>Writes files through a temp file in the same folder and a rename, so a reader never sees half a file and an interrupted write never destroys the previous one.</summary>
public static class AtomicFile
{
    /// <summary>Checks that <paramref name="path"/> can be written (its folder exists) and returns its full path.</summary>
    public static string CheckWritable(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"A path for the {what} is required.");
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
            throw new UserInputException($"Cannot write the {what} to '{full}': folder '{dir}' does not exist.");
        if (Directory.Exists(full))
            throw new UserInputException($"Cannot write the {what} to '{full}': it is a folder.");
        return full;
    }

    /// <summary>Whether two paths name the same file (full paths compared as the file system does: case-sensitive except on Windows and macOS).</summary>
    public static bool SamePath(string? a, string? b)
    {
        if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b)) return false;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), comparison);
    }

    /// <summary>
    /// True when <paramref name="output"/> is <paramref name="input"/> itself or, when <paramref name="input"/> is a folder,
    /// a path anywhere inside it (writing there would replace or mix with the data, an image of a class folder say).
    /// </summary>
    public static bool SameOrInside(string? output, string? input)
    {
        if (SamePath(output, input)) return true;
        if (string.IsNullOrWhiteSpace(output) || string.IsNullOrWhiteSpace(input) || !Directory.Exists(input)) return false;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(output).StartsWith(folder, comparison);
    }

    /// <summary>
    /// Writes <paramref name="path"/> atomically: <paramref name="write"/> fills a temp file in the same folder
    /// (<c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c>), <paramref name="verify"/> (if given) checks the closed temp file by
    /// its path, then a rename replaces any previous file. On any failure the temp file is deleted and the previous
    /// file is left as it was.
    /// </summary>
    /// <param name="path">The file to write (relative to the current folder or absolute).</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="createDirectory">Creates the file's folder if missing; otherwise a missing folder fails.</param>
    /// <param name="verify">Called with the closed temp file's path before the rename, to check it (or finish it: <c>ModelFile.Save</c> adds an entry to the zip); throws to abandon the write.</param>
    /// <exception cref="UserInputException">The file or its folder cannot be written for lack of permission.</exception>
    public static void Write(string path, Action<Stream> write, bool createDirectory = false, Action<string>? verify = null)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (createDirectory) Directory.CreateDirectory(dir);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            verify?.Invoke(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"Cannot write '{full}': {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically (see <see cref="Write(string, Action{Stream}, bool, Action{string})"/>).</summary>
    public static void WriteBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));

    /// <summary>
    /// Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/> atomically, as a POSIX text file: a
    /// final '\n' is added when the text does not end with one (so <c>cat</c>, <c>wc -l</c> and diffs of a metrics JSON
    /// behave). An empty text stays empty.
    /// </summary>
    public static void WriteText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s); w.Write(text.Length == 0 || text.EndsWith('\n') ? text : text + "\n"); });
}
