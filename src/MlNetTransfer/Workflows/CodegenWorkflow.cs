using System.Text;
using Microsoft.ML;
using MlNetTransfer.Backbones;

namespace MlNetTransfer.Workflows;

/// <summary>
/// Writes a small C# project that predicts with a saved model (<c>mlnet-transfer codegen</c>): <c>ModelInput</c> /
/// <c>ModelOutput</c> classes matching the zip's input and output schemas, a console app or a web API, a README, and
/// the zip itself, copied in so the project needs nothing outside its folder. The project references the packages the
/// zip's steps need (at the versions this library is built with) and, for a zip holding this library's custom mappings,
/// the library's own DLLs copied to <c>lib/</c>, since ML.NET loads the assembly a zip names.
/// </summary>
public static class CodegenWorkflow
{
    /// <summary>Files that one kind writes and the other does not: removed when <see cref="CodegenOptions.Force"/> rewrites a folder as the other kind (they would not build there).</summary>
    private static readonly string[] KindFiles = ["InputValues.cs", "ModelService.cs"];

    /// <summary>Project names that would clash with a type the generated code uses.</summary>
    private static readonly HashSet<string> ClashingNames = new(StringComparer.Ordinal)
    {
        "ModelInput", "ModelOutput", "ModelService", "InputValues", "Program", "EnginePolicy", "MLContext", "ITransformer", "PredictionEngine",
        "PredictionEngineOptions", "Microsoft", "System", "Console", "Path", "File", "Results", "WebApplication", "CultureInfo", "JsonNumberHandling",
    };

    /// <summary>
    /// Generates the project for <see cref="CodegenOptions.Model"/> into <see cref="CodegenOptions.Out"/>. A new (or
    /// empty) folder is written whole in a sibling temp folder and then renamed, so it never holds half a project;
    /// with <see cref="CodegenOptions.Force"/> into a folder holding files, each file is replaced atomically.
    /// </summary>
    /// <exception cref="UserInputException">An option is wrong (every problem in one message), the model is missing or not an
    /// ML.NET zip, it is neither a classifier nor a regression model, it needs what codegen cannot reference, or the folder holds files and Force is not set.</exception>
    public static CodegenResult Run(CodegenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new UserInputException(OptionProblem.Join(problems));

        var folder = Path.GetFullPath(options.Out);
        var source = Path.GetFullPath(options.Model);
        CodegenModel model;
        using (var loaded = ModelFile.Load(new MLContext(0), source))
            model = CodegenModel.Read(loaded);

        var project = CodegenNames.Identifier(Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)), "ModelConsumer");
        if (ClashingNames.Contains(project)) project += "App";
        var packages = CodegenPackages.For(model.Assemblies);
        var library = model.NeedsLibrary ? LibraryFiles() : [];
        var vocab = model.VocabFiles.Select(file => BackboneCatalog.Default.FindFile(file) ?? throw new UserInputException(
            $"'{source}' tokenizes with the vocabulary file '{file}', which is in none of the models folders ({BackboneCatalog.Default.DescribeFolders()}); the generated project needs a copy of it.")).ToList();
        var modelName = Path.GetFileName(source);

        var files = new List<(string Path, Action<Stream> Write)>
        {
            ($"{project}.csproj", Text(CodegenTemplates.Csproj(options.Kind, modelName, packages, library.Select(Path.GetFileName).ToList()!, vocab.Count > 0))),
            ("Directory.Build.props", Text(CodegenTemplates.EmptyDirectoryBuildFile)),
            ("Directory.Build.targets", Text(CodegenTemplates.EmptyDirectoryBuildFile)),
            ("ModelInput.cs", Text(CodegenTemplates.ModelInput(project, modelName, model))),
            ("ModelOutput.cs", Text(CodegenTemplates.ModelOutput(project, modelName, model))),
        };
        if (options.Kind == CodegenKind.WebApi)
        {
            files.Add(("Program.cs", Text(CodegenTemplates.WebProgram(project, modelName, model))));
            files.Add(("ModelService.cs", Text(CodegenTemplates.ModelService(project, model))));
        }
        else
        {
            files.Add(("Program.cs", Text(CodegenTemplates.ConsoleProgram(project, modelName, model))));
            files.Add(("InputValues.cs", Text(CodegenTemplates.InputValues(project))));
        }
        files.Add(("README.md", Text(CodegenTemplates.Readme(options.Kind, project, source, model, packages, library.Select(Path.GetFileName).ToList()!))));
        files.Add((CodegenTemplates.ModelFileName, Copy(source)));
        files.AddRange(library.Select(dll => ($"{CodegenTemplates.LibraryFolder}/{Path.GetFileName(dll)}", Copy(dll))));
        files.AddRange(vocab.Select(file => ($"{CodegenTemplates.ModelsFolder}/{Path.GetFileName(file)}", Copy(file))));

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            WriteInPlace(folder, source, files);
        else
            WriteStaged(folder, files);
        var names = files.Select(f => f.Path).ToList();
        return new CodegenResult(folder, Path.Combine(folder, names[0]), options.Kind, names, model.Fields, model.NeedsLibrary);
    }

    /// <summary>Writes a new folder: everything in a sibling temp folder, then one rename (an empty folder there is replaced).</summary>
    private static void WriteStaged(string folder, List<(string Path, Action<Stream> Write)> files)
    {
        var parent = Path.GetDirectoryName(folder) ?? throw new UserInputException($"Cannot write a project to '{folder}': it has no parent folder.");
        Directory.CreateDirectory(parent);
        var stage = Path.Combine(parent, $".{Path.GetFileName(folder)}.codegen-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, write) in files)
            {
                var target = Path.Combine(stage, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                write(stream);
            }
            if (Directory.Exists(folder)) Directory.Delete(folder); // empty (checked by the caller): fails rather than deletes if a file appeared since
            Directory.Move(stage, folder);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"Cannot write the project to '{folder}': {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
        }
    }

    /// <summary>Writes into a folder that holds files (Force): each file replaced atomically; the other kind's own files removed.</summary>
    private static void WriteInPlace(string folder, string source, List<(string Path, Action<Stream> Write)> files)
    {
        foreach (var (path, write) in files)
        {
            var target = Path.Combine(folder, path);
            if (AtomicFile.SamePath(target, source)) continue; // the model is already there, as model.zip
            AtomicFile.Write(target, write, createDirectory: true);
        }
        foreach (var stale in KindFiles.Where(name => !files.Any(f => f.Path == name)))
            File.Delete(Path.Combine(folder, stale));
    }

    private static Action<Stream> Text(string text) => stream =>
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ReplaceLineEndings("\n"));
        stream.Write(bytes);
    };

    private static Action<Stream> Copy(string path) => stream =>
    {
        using var input = File.OpenRead(path);
        input.CopyTo(stream);
    };

    /// <summary>
    /// The DLLs an application needs to load this library's custom mappings: MlNetTransfer.dll and the assemblies of
    /// ours it references (MlNetTransfer.Charts), from the folder this library was loaded from.
    /// </summary>
    private static IReadOnlyList<string> LibraryFiles()
    {
        var assembly = typeof(ContractRegistry).Assembly;
        var location = assembly.Location;
        if (string.IsNullOrEmpty(location) || !File.Exists(location))
            throw new UserInputException("The model holds MlNetTransfer's custom mappings, so the generated project needs MlNetTransfer.dll, but this mlnet-transfer "
                + "runs without a file for it (a single-file app): generate the project with an mlnet-transfer installed as a tool or built from source.");
        var folder = Path.GetDirectoryName(location)!;
        var ours = assembly.GetReferencedAssemblies()
            .Where(a => a.Name is { } name && name.StartsWith(CodegenPackages.LibraryAssembly + ".", StringComparison.Ordinal))
            .Select(a => Path.Combine(folder, a.Name + ".dll"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal);
        return [location, .. ours];
    }
}
