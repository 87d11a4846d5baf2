namespace MlNetTransfer.Workflows;

/// <summary>What <see cref="CodegenWorkflow.Run"/> generates, checked once by <see cref="Problems"/> (problems name these properties).</summary>
public sealed record CodegenOptions
{
    /// <summary>The model zip (written by <c>train</c>, or any ML.NET classifier or regression zip). Required.</summary>
    public string Model { get; init; } = "";

    /// <summary>The folder to write the project to: created if missing; one that holds files is refused unless <see cref="Force"/>. Required.</summary>
    public string Out { get; init; } = "";

    /// <summary>Which project: a console app (default) or a web API.</summary>
    public CodegenKind Kind { get; init; } = CodegenKind.Console;

    /// <summary>
    /// Write into a folder that already holds files: the generated files are replaced, files an earlier codegen wrote that
    /// this one does not are removed (a console Program.cs' companion InputValues.cs, a web API's ModelService.cs, lib/,
    /// onnx-models/), anything else is left alone. Default false.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Every problem with these options, each naming its property.</summary>
    public IReadOnlyList<OptionProblem> Problems()
    {
        var problems = new List<OptionProblem>();
        if (string.IsNullOrWhiteSpace(Model)) problems.Add(new(nameof(Model), "{0} is required"));
        if (string.IsNullOrWhiteSpace(Out)) problems.Add(new(nameof(Out), "{0} is required"));
        else if (File.Exists(Out)) problems.Add(new(nameof(Out), $"{{0}} '{OptionProblem.Escape(Path.GetFullPath(Out))}' is a file; give a folder for the project"));
        else if (!Force && Directory.Exists(Out) && Directory.EnumerateFileSystemEntries(Out).Any())
        {
            var full = Path.GetFullPath(Out);
            var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            problems.Add(new(nameof(Force), $"{{0}} is needed to write into '{OptionProblem.Escape(full)}', which already holds "
                + OptionProblem.Escape(string.Join(", ", entries.Take(5)) + (entries.Count > 5 ? $" and {entries.Count - 5} more" : ""))));
        }
        if (!Enum.IsDefined(Kind)) problems.Add(new(nameof(Kind), $"{{0}} must be console or webapi (got {(int)Kind})"));
        return problems;
    }
}
