using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>One round of pseudo-labelling: how many target rows each class got, and how many rows' pseudo-labels changed (added, dropped or relabeled) since the previous round.</summary>
internal sealed record PseudoLabelRound(int Round, IReadOnlyList<int> PerClass, int Changed);

/// <summary>What <see cref="PseudoLabeling.Run"/> made: the final head, its probabilities on the unlabeled rows, the rounds and why it stopped.</summary>
internal sealed record PseudoLabelResult(ITransformer Head, float[][] Probabilities, IReadOnlyList<PseudoLabelRound> Rounds,
    IReadOnlyDictionary<int, int> PseudoLabels, string StopReason, bool TargetOnly);

/// <summary>
/// Class-balanced self-training on rows that are already mapped (the loop <see cref="SelfTrainingMethod"/> and
/// <see cref="FewShotMethod"/> share). Each round the current head predicts every unlabeled row; per class the rows
/// predicted as that class with probability ≥ threshold are ranked by that probability; every class gets the same number
/// k = min(cap_r, the smallest class's candidates) of its top rows, cap_r = ⌊r / rounds · maxFraction · n / classes⌋; the
/// pseudo-labels are chosen afresh each round (a row may change label or drop out), and the head is retrained on the
/// labeled rows plus them. Stops when no class has a confident row (k = 0), when the pseudo-labels did not change, or
/// after the last round. With the target-only option the final head is trained on the pseudo-labeled rows (and the extra
/// labeled target rows) alone, provided they are at least as many as the features (else the source rows stay).
/// </summary>
internal static class PseudoLabeling
{
    public static PseudoLabelResult Run(MLContext ml, IReadOnlyList<string> labels, IReadOnlyList<float[]> labeledRows, IReadOnlyList<int> labeledLabels,
        IReadOnlyList<float[]> targetExtraRows, IReadOnlyList<int> targetExtraLabels, IReadOnlyList<float[]> unlabeled, int width,
        SelfTrainingOptions options, AdaptationContext context, string stage)
    {
        var classes = labels.Count;
        var total = options.Rounds + 1 + (options.TargetOnlyLastRound ? 1 : 0);
        context.Progress?.Report(new WorkflowProgress(stage, 0, total, "source-only head"));
        var head = HeadOnRows.Fit(ml, labels, labeledRows, labeledLabels, context, "source rows");
        var probabilities = HeadOnRows.Probabilities(head, unlabeled, width, classes);
        context.Progress?.Report(new WorkflowProgress(stage, 1, total, "source-only head"));
        var rounds = new List<PseudoLabelRound>();
        var selected = new Dictionary<int, int>();
        var stop = $"the last round ({options.Rounds}) was run";
        for (var r = 1; r <= options.Rounds; r++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var cap = (int)Math.Floor((double)r / options.Rounds * options.MaxFraction * unlabeled.Count / classes);
            var next = Select(probabilities, classes, options.Threshold, Math.Max(cap, 1), out var poorest);
            if (next.Count == 0)
            {
                stop = $"no target row is predicted '{labels[poorest]}' with probability ≥ {options.Threshold:0.##}";
                break;
            }
            var changed = next.Count(p => !selected.TryGetValue(p.Key, out var l) || l != p.Value) + selected.Keys.Count(k => !next.ContainsKey(k));
            if (changed == 0)
            {
                stop = "the pseudo-labels stopped changing";
                break;
            }
            selected = next;
            head = HeadOnRows.Fit(ml, labels, [.. labeledRows, .. selected.Keys.Select(i => unlabeled[i])], [.. labeledLabels, .. selected.Values], context, "source rows");
            probabilities = HeadOnRows.Probabilities(head, unlabeled, width, classes);
            var perClass = new int[classes];
            foreach (var label in selected.Values) perClass[label]++;
            rounds.Add(new PseudoLabelRound(r, perClass, changed));
            context.Progress?.Report(new WorkflowProgress(stage, r + 1, total, $"round {r}: {perClass[0]} pseudo-labels per class, {changed} changed"));
        }
        // Target rows only when there are at least as many as features (fewer leave a head underdetermined).
        // (Every class has pseudo-labels when any has; repeated labeled rows count once.)
        var targetOnly = options.TargetOnlyLastRound && selected.Count > 0 && selected.Count + targetExtraRows.Distinct().Count() >= width;
        if (targetOnly)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            head = HeadOnRows.Fit(ml, labels, [.. targetExtraRows, .. selected.Keys.Select(i => unlabeled[i])], [.. targetExtraLabels, .. selected.Values], context, "target pseudo-labels");
            probabilities = HeadOnRows.Probabilities(head, unlabeled, width, classes);
        }
        context.Progress?.Report(new WorkflowProgress(stage, total, total));
        return new PseudoLabelResult(head, probabilities, rounds, selected, stop, targetOnly);
    }

    /// <summary>
    /// The class-balanced choice: per class the rows whose most probable class it is, with probability ≥
    /// <paramref name="threshold"/>, most probable first (ties: lower row first); every class gets the same number,
    /// min(<paramref name="cap"/>, the smallest class's candidates). Row index -> class. <paramref name="poorest"/> is the
    /// class with the fewest candidates.
    /// </summary>
    public static Dictionary<int, int> Select(IReadOnlyList<float[]> probabilities, int classes, double threshold, int cap, out int poorest)
    {
        var candidates = Enumerable.Range(0, classes).Select(_ => new List<(int Row, float P)>()).ToArray();
        for (var i = 0; i < probabilities.Count; i++)
        {
            var c = HeadOnRows.ArgMax(probabilities[i]);
            if (probabilities[i][c] >= threshold) candidates[c].Add((i, probabilities[i][c]));
        }
        poorest = Enumerable.Range(0, classes).MinBy(c => candidates[c].Count);
        var k = Math.Min(cap, candidates[poorest].Count);
        var chosen = new Dictionary<int, int>();
        for (var c = 0; c < classes; c++)
            foreach (var (row, _) in candidates[c].OrderByDescending(x => x.P).ThenBy(x => x.Row).Take(k))
                chosen[row] = c;
        return chosen;
    }
}
