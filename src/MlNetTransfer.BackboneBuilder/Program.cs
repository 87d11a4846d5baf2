using MlNetTransfer;
using MlNetTransfer.Backbones;

// Build-time tool: materialises every manifest in the models folder that has a "build" recipe.
// Usage: MlNetTransfer.BackboneBuilder --models <onnx-models dir> --packages <NuGet packages root>[;<another root>…]
// Several roots (MSBuild's $(NuGetPackageFolders): the global packages folder, then any fallback folders): each
// backbone's source package is read from the first root that holds it.
try
{
    var models = Arg("--models");
    var roots = Arg("--packages").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    // Backbones made from another built-in (an int8 quantization) come after those made from packages.
    var manifests = Directory.EnumerateFiles(models, "*.json").Order(StringComparer.Ordinal).Select(BackboneManifest.Load)
        .Where(m => m.Build is not null).OrderBy(m => m.Build!.Quantize is null ? 0 : 1).ToList();
    foreach (var manifest in manifests)
        Console.WriteLine(BackboneMaterializer.Materialize(manifest, RootHolding(manifest, roots)));
    return 0;
}
catch (UserInputException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

string Arg(string name)
{
    var i = Array.IndexOf(args, name);
    if (i < 0 || i + 1 >= args.Length) throw new UserInputException($"missing {name} <dir>");
    return args[i + 1];
}

// The first root with <id>/<version> of the manifest's source package; else the first root (its error names the path).
static string RootHolding(BackboneManifest manifest, string[] roots)
{
    if (roots.Length == 0) throw new UserInputException("--packages names no folder");
    var source = manifest.Source;
    if (source?.Package is null || source.Version is null) return roots[0];
    return roots.FirstOrDefault(root => Directory.Exists(Path.Combine(root, source.Package.ToLowerInvariant(), source.Version))) ?? roots[0];
}
