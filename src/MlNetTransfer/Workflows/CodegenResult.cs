namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="CodegenWorkflow.Run"/> wrote.</summary>
/// <param name="Folder">The project's folder (full path).</param>
/// <param name="ProjectFile">The .csproj (full path): <c>dotnet build</c> it, or run <c>dotnet run</c> in <paramref name="Folder"/>.</param>
/// <param name="Kind">Which project it is.</param>
/// <param name="Files">The files written, relative to <paramref name="Folder"/> with '/' separators, in a fixed order.</param>
/// <param name="Inputs">The <c>ModelInput</c> properties, in the model's input order.</param>
/// <param name="NeedsLibrary">Whether the model needs the MlNetTransfer assembly to load (its DLLs were copied to lib/).</param>
public sealed record CodegenResult(
    string Folder,
    string ProjectFile,
    CodegenKind Kind,
    IReadOnlyList<string> Files,
    IReadOnlyList<CodegenField> Inputs,
    bool NeedsLibrary);
