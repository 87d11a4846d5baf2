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

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
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

    public static void WriteText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s); w.Write(text); });
}
