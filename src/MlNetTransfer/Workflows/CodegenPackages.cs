namespace MlNetTransfer.Workflows;

/// <summary>
/// The packages a generated consumer project (<see cref="CodegenWorkflow"/>) references, at the versions this
/// repository pins in Directory.Packages.props (<c>CodegenPackagesTests</c> keeps them equal), and which package
/// brings each assembly a saved zip names.
/// </summary>
internal static class CodegenPackages
{
    public const string MlNet = "Microsoft.ML";
    public const string OnnxTransformer = "Microsoft.ML.OnnxTransformer";
    public const string OnnxRuntime = "Microsoft.ML.OnnxRuntime";
    public const string ImageAnalytics = "Microsoft.ML.ImageAnalytics";
    public const string FastTree = "Microsoft.ML.FastTree";
    public const string LightGbm = "Microsoft.ML.LightGbm";

    /// <summary>The name this library's assembly has; a zip naming it needs the library to load.</summary>
    public const string LibraryAssembly = "MlNetTransfer";

    /// <summary>Package id -&gt; version, as Directory.Packages.props pins them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MlNet] = "5.0.1",
        [OnnxTransformer] = "5.0.1",
        [ImageAnalytics] = "5.0.1",
        [FastTree] = "5.0.1",
        [LightGbm] = "5.0.1",
        [OnnxRuntime] = "1.31.1",
        ["OnnxSharp"] = "0.3.2",
        ["CsvHelper"] = "33.1.0",
        ["Microsoft.Data.Sqlite"] = "10.0.15",
        ["Parquet.Net"] = "6.1.0",
        ["Microsoft.ML.Tokenizers"] = "2.0.1",
        ["Lucene.Net.Analysis.Common"] = "4.8.0-beta00017",
        ["MathNet.Numerics"] = "5.0.0",
        [SkiaSharp] = "2.88.9",
        [SkiaSharpLinux] = "2.88.9",
    };

    /// <summary>
    /// Microsoft.ML.ImageAnalytics 5.0.1 asks for SkiaSharp 2.88.8, which the package source does not serve (a NU1603
    /// warning on every restore); the version taken instead is pinned by a direct reference, as this repository pins it.
    /// </summary>
    public const string SkiaSharp = "SkiaSharp";

    /// <summary>SkiaSharp's Linux native library, asked for at the same version by ImageAnalytics.</summary>
    public const string SkiaSharpLinux = "SkiaSharp.NativeAssets.Linux.NoDependencies";

    /// <summary>
    /// The packages the MlNetTransfer assembly references (its csproj's PackageReferences, CPU build): an application
    /// that loads it from a DLL gets its dependencies from them.
    /// </summary>
    public static readonly IReadOnlyList<string> LibraryDependencies =
    [
        MlNet, OnnxTransformer, ImageAnalytics, FastTree, LightGbm, "OnnxSharp", "CsvHelper", "Microsoft.Data.Sqlite", "Parquet.Net",
        "Microsoft.ML.Tokenizers", "Lucene.Net.Analysis.Common", "MathNet.Numerics", OnnxRuntime, SkiaSharp, SkiaSharpLinux,
    ];

    /// <summary>Assembly (as a zip's step headers name it) -&gt; the package that ships it.</summary>
    public static readonly IReadOnlyDictionary<string, string> PackageOfAssembly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Microsoft.ML.Core"] = MlNet,
        ["Microsoft.ML.Data"] = MlNet,
        ["Microsoft.ML.DataView"] = MlNet,
        ["Microsoft.ML.CpuMath"] = MlNet,
        ["Microsoft.ML.Transforms"] = MlNet,
        ["Microsoft.ML.StandardTrainers"] = MlNet,
        ["Microsoft.ML.KMeansClustering"] = MlNet,
        ["Microsoft.ML.PCA"] = MlNet,
        ["Microsoft.ML.OnnxTransformer"] = OnnxTransformer,
        ["Microsoft.ML.ImageAnalytics"] = ImageAnalytics,
        ["Microsoft.ML.FastTree"] = FastTree,
        ["Microsoft.ML.LightGbm"] = LightGbm,
    };

    /// <summary>
    /// The packages (id, version) a project needs to load a zip whose steps name <paramref name="assemblies"/>, in a
    /// fixed order: Microsoft.ML always, ONNX Runtime's native library with the ONNX transformer, every dependency of
    /// the library when the zip needs MlNetTransfer.
    /// </summary>
    /// <exception cref="UserInputException">An assembly no known package ships (the message names it).</exception>
    public static IReadOnlyList<(string Id, string Version)> For(IReadOnlyCollection<string> assemblies)
    {
        var unknown = assemblies.Where(a => a != LibraryAssembly && !PackageOfAssembly.ContainsKey(a)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new UserInputException($"The model's steps come from {string.Join(", ", unknown.Select(a => $"'{a}'"))}, which codegen does not know the package of "
                + $"(it knows {string.Join(", ", PackageOfAssembly.Values.Distinct())} and MlNetTransfer): reference the package by hand in a project of your own.");
        var ids = new HashSet<string>(StringComparer.Ordinal) { MlNet };
        foreach (var assembly in assemblies.Where(PackageOfAssembly.ContainsKey)) ids.Add(PackageOfAssembly[assembly]);
        if (ids.Contains(OnnxTransformer)) ids.Add(OnnxRuntime);
        if (ids.Contains(ImageAnalytics)) ids.UnionWith([SkiaSharp, SkiaSharpLinux]);
        if (assemblies.Contains(LibraryAssembly)) ids.UnionWith(LibraryDependencies);
        var order = LibraryDependencies.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return ids.OrderBy(id => order.GetValueOrDefault(id, order.Count)).ThenBy(id => id, StringComparer.Ordinal).Select(id => (id, Versions[id])).ToList();
    }
}
