using System.Globalization;

namespace MlNetTransfer.Datasets;

/// <summary>
/// Decides whether training data's label column holds classes or a number to predict, when no task is given.
/// <para>
/// The rule: <b>regression</b> when (1) every non-empty label is a number, read as numeric columns are (invariant culture,
/// <c>1.84</c>; a decimal comma, <c>1,84</c>, when the separator is not a comma; NaN and ±Infinity count as numbers, so
/// that training names the row holding one), (2) there are more than <see cref="MaxDistinctNumbersOfClasses"/> distinct
/// numbers, and (3) they are not integer class codes: whole numbers with at most <see cref="MaxDistinctIntegerCodes"/>
/// distinct values, or exactly 0..k-1 or 1..k (what a label encoder writes). Anything else is <b>classification</b>:
/// text labels, few distinct numbers (grades 1..5, a 0/1 flag) and integer codes (digits 0..9, 100 class ids 0..99).
/// Class-folder datasets are classes: their folder names are not inferred from.
/// </para>
/// <para>
/// Measured on the shipped data: Seattle weather's <c>temp_max</c> (1,461 numbers, 67 distinct, decimals) and
/// <c>precipitation</c> (111 distinct) are regression, its <c>weather</c> (5 texts) classification; the penguins'
/// <c>Body Mass (g)</c> (342 whole numbers from 2700 to 6300, 94 distinct; 2 rows empty) and <c>Flipper Length (mm)</c>
/// (55 distinct whole numbers, 172..231) are regression, <c>Species</c> (3 texts) classification; SpamAssassin's
/// <c>label</c> (ham/spam) classification.
/// </para>
/// </summary>
public static class TaskInference
{
    /// <summary>At most this many distinct numbers are read as classes (a rating 1..5, a 0/1 flag, digits 0..9): 10.</summary>
    public const int MaxDistinctNumbersOfClasses = 10;

    /// <summary>Whole-number labels with at most this many distinct values are read as class codes: 20.</summary>
    public const int MaxDistinctIntegerCodes = 20;

    /// <summary>
    /// The task the rule above gives <paramref name="labels"/> (the label column <paramref name="labelName"/>'s values),
    /// with a one-line description of why, for the run's output: <c>regression (label 'temp_max': 1,461 numbers, 67
    /// distinct; pass --task classification to treat them as classes)</c>.
    /// </summary>
    /// <param name="labelName">The label column's name, for the description.</param>
    /// <param name="labels">The label of every row; empty ones are left out.</param>
    /// <param name="decimalComma">Whether <c>1,84</c> is a number (the separator is not a comma).</param>
    public static TaskDecision Infer(string labelName, IReadOnlyList<string> labels, bool decimalComma)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var numbers = new List<float>(present.Count);
        foreach (var label in present)
        {
            if (!TryParse(label, decimalComma, out var number))
                return new(LearningTask.Classification, $"classification (label '{labelName}': {Classes(present)})");
            numbers.Add(number);
        }
        if (numbers.Count == 0) return new(LearningTask.Classification, $"classification (label '{labelName}' is empty)");
        var distinct = numbers.Distinct().Order().ToList();
        var counted = $"{Count(numbers.Count, "number")}, {distinct.Count:N0} distinct";
        const string toRegression = "pass --task regression to predict the number";
        if (distinct.Count <= MaxDistinctNumbersOfClasses)
            return new(LearningTask.Classification, Invariant($"classification (label '{labelName}': {counted}, read as classes; {toRegression})"));
        if (distinct.All(float.IsInteger) && (distinct.Count <= MaxDistinctIntegerCodes || IsCodeRange(distinct)))
            return new(LearningTask.Classification, Invariant($"classification (label '{labelName}': {counted}, whole numbers read as class codes; {toRegression})"));
        return new(LearningTask.Regression, Invariant($"regression (label '{labelName}': {counted}; pass --task classification to treat them as classes)"));
    }

    /// <summary>The description of a task given by the caller (<c>--task</c>) rather than inferred.</summary>
    public static TaskDecision Given(LearningTask task, string labelName, IReadOnlyList<string> labels, bool decimalComma)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (task == LearningTask.Classification)
            return new(task, $"classification (--task; label '{labelName}': {Classes(present)})");
        var numbers = present.Select(l => TryParse(l, decimalComma, out var n) ? n : (float?)null).Where(n => n is not null).ToList();
        return new(task, Invariant($"regression (--task; label '{labelName}': {Count(numbers.Count, "number")}, {numbers.Distinct().Count():N0} distinct)"));
    }

    /// <summary>
    /// A label read as a number by the numeric columns' rules: invariant culture, and <c>1,84</c> as 1.84 when
    /// <paramref name="decimalComma"/>. NaN and ±Infinity parse (the caller decides what they mean).
    /// </summary>
    public static bool TryParse(string value, bool decimalComma, out float number)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (decimalComma && DatasetLoader.IsDecimalComma(value)) value = value.Replace(',', '.');
        return float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Whether sorted whole numbers are exactly 0..k-1 or 1..k.</summary>
    private static bool IsCodeRange(IReadOnlyList<float> sorted) =>
        sorted[0] is 0 or 1 && sorted[^1] - sorted[0] == sorted.Count - 1;

    private static string Classes(IReadOnlyList<string> present)
    {
        var n = present.Distinct(StringComparer.Ordinal).Count();
        return Invariant($"{n:N0} class{(n == 1 ? "" : "es")}");
    }

    private static string Count(int n, string noun) => Invariant($"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A task and why: a phrase for the run's output (<c>regression (label 'temp_max': 1,461 numbers, 67 distinct; …)</c>).</summary>
/// <param name="Task">Classification or regression.</param>
/// <param name="Description">The task and its reason, starting with the task's name in lower case.</param>
public sealed record TaskDecision(LearningTask Task, string Description);
