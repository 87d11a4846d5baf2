using System.Diagnostics;
using Microsoft.ML;

namespace MlNetTransfer.Heads;

/// <summary>
/// A LightGBM fit whose failures on data LightGBM cannot split become a <see cref="UserInputException"/> that says why,
/// instead of ML.NET 5.0.1's exceptions from inside Microsoft.ML.LightGbm: features that take one value on every training
/// row leave LightGBM no feature, and ML.NET's dataset loader then overflows (<see cref="OverflowException"/>); a binary
/// model whose trees could not split (fewer rows than twice the minimum per leaf) has one-leaf trees, which ML.NET cannot
/// convert (<see cref="ArgumentNullException"/>). Only exceptions thrown from Microsoft.ML.LightGbm's own code are
/// converted; anything else passes through.
/// </summary>
internal static class LightGbmFit
{
    /// <summary>Runs <paramref name="fit"/> (a LightGBM trainer fitted on <paramref name="data"/>, at least <paramref name="minimumExamplesPerLeaf"/> rows per leaf).</summary>
    public static ITransformer Run(Func<ITransformer> fit, IDataView data, int minimumExamplesPerLeaf)
    {
        try
        {
            return fit();
        }
        catch (Exception e) when (e is OverflowException or ArgumentNullException && ThrownByLightGbm(e))
        {
            var rows = data.GetRowCount() is { } n ? $"{n} " : "";
            throw new UserInputException(e is OverflowException
                ? $"--trainer lightgbm cannot learn from these {rows}training rows: no feature takes more than one value on them, so there is nothing to split on. " +
                  "Check the features (a constant column, a text column without words), or use --trainer lr."
                : $"--trainer lightgbm could not split these {rows}training rows: a split needs at least {minimumExamplesPerLeaf} rows on each side " +
                  $"({2 * minimumExamplesPerLeaf} rows in all, of features that vary). Use --trainer fasttree or lr, or more data.", e);
        }
    }

    private static bool ThrownByLightGbm(Exception e) =>
        new StackTrace(e).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Namespace == "Microsoft.ML.Trainers.LightGbm");
}
