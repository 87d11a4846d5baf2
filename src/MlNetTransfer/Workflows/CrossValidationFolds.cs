namespace MlNetTransfer.Workflows;

/// <summary>
/// Which fold holds each training row out, seeded. Stratified for classes (as scikit-learn's <c>StratifiedKFold</c> with
/// shuffling: each class's rows, shuffled, dealt to the folds in turn, the turn carried from class to class so folds
/// differ in size by at most one); a class with a single row is never held out, so every fold trains on every label.
/// For a regression, rows are shuffled and dealt in turn. With one "fold", 20% of the rows (stratified) are held out.
/// </summary>
internal static class CrossValidationFolds
{
    /// <summary>Not held out by any fold (the single row of its class).</summary>
    public const int Never = -1;

    /// <summary>The fold of each row (0 … folds − 1, or <see cref="Never"/>); <paramref name="labels"/> null for a regression.</summary>
    public static int[] Assign(int rows, IReadOnlyList<string>? labels, int folds, int seed)
    {
        var fold = new int[rows];
        var random = new Random(seed);
        var groups = labels is null
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(i => labels[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        var turn = 0;
        foreach (var group in groups)
        {
            random.Shuffle(group);
            if (group.Length == 1 && labels is not null)
            {
                fold[group[0]] = Never;
                continue;
            }
            if (folds == 1)
            {
                // One validation split: ceil(20%) of each class held out (at least one, never all).
                var held = Math.Clamp((int)Math.Ceiling(group.Length * 0.2), 1, group.Length - 1);
                for (var i = 0; i < group.Length; i++) fold[group[i]] = i < held ? 0 : Never;
                continue;
            }
            foreach (var row in group)
            {
                fold[row] = turn;
                turn = (turn + 1) % folds;
            }
        }
        return fold;
    }
}
