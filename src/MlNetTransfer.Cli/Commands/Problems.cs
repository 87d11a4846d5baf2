using Spectre.Console;

namespace MlNetTransfer.Cli.Commands;

/// <summary>Turns the problems a settings class found into Spectre's validation result: all of them, in one message.</summary>
public static class Problems
{
    public static ValidationResult ToValidation(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems) + ".");
}
