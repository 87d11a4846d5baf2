namespace MlNetTransfer.Packaging.Tests;

/// <summary>A scratch folder, created empty and deleted with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates <paramref name="path"/> (and its parents).</summary>
    public TempFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Deletes the folder.</summary>
    public void Dispose() => Delete(Path);

    /// <summary>Deletes <paramref name="path"/> and what it holds, if it is there; a file still open elsewhere leaves it in place.</summary>
    public static void Delete(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
