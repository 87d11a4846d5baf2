using System.Globalization;

namespace MlNetTransfer.Series;

/// <summary>
/// Reads a series written in one text cell: numbers separated by <c>;</c> (<c>0.1;0.3;-2e-3</c>, spaces around them
/// allowed) or, when the cell has no <c>;</c>, by white space (<c>0.1 0.3 -2e-3</c>). Numbers are invariant-culture
/// (a <c>.</c> decimal point). Different rows may hold series of different lengths.
/// </summary>
public static class SeriesText
{
    /// <summary>
    /// The values of <paramref name="text"/>, or null with <paramref name="problem"/> saying what is wrong (for a message
    /// that names the row and column): an empty cell, an empty value between two separators, a value that is not a
    /// number, or one that is not finite (NaN, ±Infinity: a series has no missing values).
    /// </summary>
    public static double[]? TryParse(ReadOnlySpan<char> text, out string? problem)
    {
        problem = null;
        var trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            problem = "the series is empty; expected numbers separated by ';' (or spaces)";
            return null;
        }
        var values = new List<double>();
        var semicolons = trimmed.Contains(';');
        var rest = trimmed;
        while (true)
        {
            int end;
            if (semicolons) end = rest.IndexOf(';');
            else
            {
                end = -1;
                for (var i = 0; i < rest.Length; i++)
                    if (char.IsWhiteSpace(rest[i]))
                    {
                        end = i;
                        break;
                    }
            }
            var token = (end < 0 ? rest : rest[..end]).Trim();
            if (token.IsEmpty)
            {
                problem = $"value {values.Count + 1} of the series is empty (two ';' in a row, or one at an end)";
                return null;
            }
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                problem = $"value {values.Count + 1} of the series is '{token}', not a number" +
                    (token.Contains(',') ? " (separate values with ';' and write decimals with '.')" : "");
                return null;
            }
            if (!double.IsFinite(value))
            {
                problem = $"value {values.Count + 1} of the series is '{token}'; a series needs finite numbers";
                return null;
            }
            values.Add(value);
            if (end < 0) break;
            rest = rest[(end + 1)..];
            if (!semicolons) rest = rest.TrimStart();
        }
        return values.ToArray();
    }

    /// <summary>The values of <paramref name="text"/>; a <see cref="UserInputException"/> naming <paramref name="column"/> when <see cref="TryParse"/> finds a problem.</summary>
    public static double[] Parse(ReadOnlySpan<char> text, string column) =>
        TryParse(text, out var problem) ?? throw new UserInputException($"Series column '{column}': {problem}.");
}
