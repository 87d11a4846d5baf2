using MlNetTransfer;
using MlNetTransfer.Backbones;

// Build-time tool: materialises every manifest in the models folder that has a "build" recipe.
// Usage: MlNetTransfer.BackboneBuilder --models <onnx-models dir> --packages <NuGet packages root>
try
{
    var models = Arg("--models");
    var packages = Arg("--packages");
    foreach (var json in Directory.EnumerateFiles(models, "*.json").Order(StringComparer.Ordinal))
    {
        var manifest = BackboneManifest.Load(json);
        if (manifest.Build is null) continue;
        Console.WriteLine(BackboneMaterializer.Materialize(manifest, packages));
    }
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
