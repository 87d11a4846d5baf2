namespace MlNetTransfer.Common;

/// <summary>
/// A new, empty folder under the system's temp folder that a run writes intermediate files to (a fine-tuned or an
/// int8-calibrated backbone and its manifest) and that <see cref="Dispose"/> deletes with everything in it.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    private readonly DirectoryInfo _folder;

    /// <summary>Creates the folder, named <paramref name="prefix"/> and a random suffix.</summary>
    public ScratchFolder(string prefix) => _folder = Directory.CreateTempSubdirectory(prefix);

    /// <summary>The folder's full path.</summary>
    public string FullName => _folder.FullName;

    /// <summary>Deletes the folder and its files; a file still open elsewhere leaves it for the system to clean.</summary>
    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary folder is left for the system to clean.
        }
    }
}
