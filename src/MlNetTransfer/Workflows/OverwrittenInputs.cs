namespace MlNetTransfer.Workflows;

/// <summary>The options check every command with inputs and outputs shares: no output may replace an input or land inside an input folder.</summary>
internal static class OverwrittenInputs
{
    /// <summary>
    /// One problem (named by the output's option) per output that is an input, or a path inside an input folder
    /// (<see cref="AtomicFile.SameOrInside"/>), which writing it would overwrite or mix with the data. Empty paths are skipped.
    /// </summary>
    /// <param name="outputs">Each output path with its option's name.</param>
    /// <param name="inputs">Each input path with what it is, as the message names it ("training data", "features", …).</param>
    public static IEnumerable<OptionProblem> Problems(IReadOnlyList<(string? Path, string Option)> outputs, IReadOnlyList<(string? Path, string Name)> inputs)
    {
        foreach (var (output, option) in outputs)
            foreach (var (input, name) in inputs)
                if (!string.IsNullOrWhiteSpace(output) && !string.IsNullOrWhiteSpace(input) && AtomicFile.SameOrInside(output, input))
                    yield return new(option, $"{{0}} '{OptionProblem.Escape(output)}' is the {name} or inside its folder, which it would overwrite; choose another path");
    }
}
