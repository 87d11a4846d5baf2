using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MlNetTransfer.Backbones;

/// <summary>Reads a build source out of a restored NuGet package: a plain file, or an embedded resource of a .NET assembly (read from its metadata; nothing is loaded or run).</summary>
internal static class PackageFiles
{
    /// <summary>The bytes of <paramref name="file"/> (a path inside <paramref name="packageDir"/>), or of its embedded resource <paramref name="resource"/>.</summary>
    public static byte[] Read(string packageDir, string file, string? resource, string backbone, string package)
    {
        var path = Path.Combine(packageDir, file);
        if (!File.Exists(path))
            throw new UserInputException($"{backbone}: '{path}' is missing; restore the {package} package (dotnet restore).");
        return resource is null ? File.ReadAllBytes(path) : ReadResource(path, resource);
    }

    /// <summary>An embedded resource of an assembly, read from the file's metadata.</summary>
    public static byte[] ReadResource(string assemblyPath, string resource)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath), PEStreamOptions.PrefetchEntireImage);
        if (!pe.HasMetadata) throw new UserInputException($"'{assemblyPath}' is not a .NET assembly.");
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var entry = metadata.GetManifestResource(handle);
            if (metadata.GetString(entry.Name) != resource) continue;
            if (!entry.Implementation.IsNil)
                throw new UserInputException($"'{assemblyPath}': resource '{resource}' lives in another file.");
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var reader = pe.GetSectionData(directory.RelativeVirtualAddress + (int)entry.Offset).GetReader();
            var length = reader.ReadInt32();
            return reader.ReadBytes(length);
        }
        var names = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name));
        throw new UserInputException($"'{assemblyPath}' has no embedded resource '{resource}' (it has {string.Join(", ", names)}).");
    }
}
