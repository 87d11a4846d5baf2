using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>co-training</c> (Blum and Mitchell 1998, "Combining labeled and unlabeled data with co-training", COLT): two views of
/// the (aligned) features, a head per view; each round each view's head pseudo-labels its most confident target rows,
/// class-balanced as in <see cref="SelfTrainingMethod"/> (the same number per class, probability ≥
/// <see cref="CoTrainingOptions.Threshold"/>), for the <em>other</em> view's training set, and both heads are retrained on
/// the source rows plus what the other view gave them (chosen afresh each round). The views are the first two of
/// <see cref="AdaptationData.Views"/> when there are at least two and the alignment keeps the width; otherwise a seeded
/// random split of the feature indices in two halves. Final rule: a head on all features is trained on the target rows
/// both final view heads label alike with probability ≥ the threshold, class-balanced (the same
/// number per class, up to <see cref="CoTrainingOptions.MaxFraction"/> · n_t / classes, ranked by the lower of the two
/// probabilities), plus any labeled target rows, and the source rows too when <see cref="CoTrainingOptions.TargetOnlyFinal"/>
/// is off or those target rows are fewer than the features (a head on them alone would be underdetermined: on 5,000 × 512
/// rows with 35 agreed rows per class, target-only fell to 0.45 from 0.68 source-only); only that head (after the target
/// map) is saved.
/// </summary>
public sealed class CoTrainingMethod : IDomainAdaptationMethod
{
    private readonly IFeatureAlignment _alignment;

    /// <summary>Co-training after <paramref name="alignment"/> (<see cref="NoAlignment"/> for none); null options: the defaults.</summary>
    public CoTrainingMethod(IFeatureAlignment alignment, CoTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        _alignment = alignment;
        Options = options ?? new CoTrainingOptions();
    }

    /// <summary>The settings.</summary>
    public CoTrainingOptions Options { get; }

    /// <inheritdoc />
    public string Name
    {
        get
        {
            var defaults = new CoTrainingOptions();
            return MethodNames.With("co-training", ("alignment", MethodNames.Alignment(_alignment)), ("rounds", MethodNames.IfNot(Options.Rounds, defaults.Rounds)),
                ("threshold", MethodNames.IfNot(Options.Threshold, defaults.Threshold)), ("max-fraction", MethodNames.IfNot(Options.MaxFraction, defaults.MaxFraction)),
                ("target-only", MethodNames.IfNot(Options.TargetOnlyFinal, defaults.TargetOnlyFinal)));
        }
    }

    /// <summary>The two views co-training uses for rows of <paramref name="width"/> features: the given ones, or a seeded random split in halves.</summary>
    internal static (int[] A, int[] B, bool Given) Views(IReadOnlyList<int[]> given, int width, int featureCount, int seed)
    {
        if (given.Count >= 2 && width == featureCount) return (given[0], given[1], true);
        if (width < 2) throw new UserInputException($"Co-training needs at least two features to split into two views; the rows have {width}.");
        var indices = Enumerable.Range(0, width).ToArray();
        new Random(seed).Shuffle(indices);
        var half = width / 2;
        return (indices[..half].Order().ToArray(), indices[half..].Order().ToArray(), false);
    }

    /// <inheritdoc />
    public AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        var problems = Options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid co-training options: {string.Join("; ", problems)}.");
        var aligned = AlignedRows.Fit(_alignment, data, context.Cancellation);
        var (viewA, viewB, given) = Views(data.Views, aligned.Width, data.FeatureCount, context.Seed);
        var labels = data.Labels;
        var classes = labels.Count;
        var labeledRows = aligned.Source.Concat(aligned.TargetLabeled).ToList();
        var labeledLabels = data.SourceLabels.Concat(data.TargetLabeledLabels).ToList();
        var views = new[] { viewA, viewB }.Select(v => new View(v, HeadOnRows.Columns(labeledRows, v), HeadOnRows.Columns(aligned.Target, v))).ToArray();
        var total = Options.Rounds + 2;
        context.Progress?.Report(new WorkflowProgress("co-training", 0, total, "a head per view"));
        var givenTo = new Dictionary<int, int>[] { [], [] };
        foreach (var view in views) view.Train(ml, labels, labeledLabels, [], context);
        var rounds = 0;
        var stop = $"the last round ({Options.Rounds}) was run";
        for (var r = 1; r <= Options.Rounds; r++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var cap = Math.Max(1, (int)Math.Floor((double)r / Options.Rounds * Options.MaxFraction * aligned.Target.Count / classes));
            // View 0 labels for view 1 and view 1 for view 0.
            var next = new[]
            {
                PseudoLabeling.Select(views[1].Probabilities, classes, Options.Threshold, cap, out _),
                PseudoLabeling.Select(views[0].Probabilities, classes, Options.Threshold, cap, out _),
            };
            if (next[0].Count == 0 && next[1].Count == 0)
            {
                stop = $"neither view predicts every class with probability ≥ {Options.Threshold:0.##}";
                break;
            }
            if (Same(next[0], givenTo[0]) && Same(next[1], givenTo[1]))
            {
                stop = "the pseudo-labels stopped changing";
                break;
            }
            givenTo = next;
            for (var v = 0; v < 2; v++) views[v].Train(ml, labels, labeledLabels, givenTo[v], context);
            rounds = r;
            context.Progress?.Report(new WorkflowProgress("co-training", r + 1, total,
                $"round {r}: {givenTo[1].Count / classes} and {givenTo[0].Count / classes} pseudo-labels per class from views 1 and 2"));
        }

        // The final rule: rows both views label alike, confidently, class-balanced.
        context.Cancellation.ThrowIfCancellationRequested();
        var agreed = new List<(int Row, int Label, float P)>();
        for (var i = 0; i < aligned.Target.Count; i++)
        {
            int a = HeadOnRows.ArgMax(views[0].Probabilities[i]), b = HeadOnRows.ArgMax(views[1].Probabilities[i]);
            var p = Math.Min(views[0].Probabilities[i][a], views[1].Probabilities[i][b]);
            if (a == b && p >= Options.Threshold) agreed.Add((i, a, p));
        }
        var perClassCandidates = Enumerable.Range(0, classes).Select(c => agreed.Where(x => x.Label == c).OrderByDescending(x => x.P).ThenBy(x => x.Row).ToList()).ToArray();
        var k = Math.Min((int)Math.Floor(Options.MaxFraction * aligned.Target.Count / classes), perClassCandidates.Min(c => c.Count));
        var pseudo = perClassCandidates.SelectMany(c => c.Take(k)).OrderBy(x => x.Row).ToList();
        var targetOnly = Options.TargetOnlyFinal && k > 0 && pseudo.Count + aligned.TargetLabeled.Count >= aligned.Width;
        var finalRows = targetOnly ? aligned.TargetLabeled : labeledRows;
        var finalLabels = targetOnly ? data.TargetLabeledLabels : labeledLabels;
        var head = HeadOnRows.Fit(ml, labels, [.. finalRows, .. pseudo.Select(x => aligned.Target[x.Row])], [.. finalLabels, .. pseudo.Select(x => x.Label)], context, "source rows");
        var probabilities = HeadOnRows.Probabilities(head, aligned.Target, aligned.Width, classes);
        context.Progress?.Report(new WorkflowProgress("co-training", total, total));
        var summary = $"Co-training{aligned.After}: {(given ? "the given views" : "a random split of the features")} " +
            $"({viewA.Length} and {viewB.Length} features), {rounds} round{(rounds == 1 ? "" : "s")}, final head on {(targetOnly ? "" : "the source rows and ")}" +
            $"{k} agreed target pseudo-label{(k == 1 ? "" : "s")} per class; stopped because {stop}.";
        var values = new List<KeyValuePair<string, double>>(aligned.Alignment.Values)
        {
            new("viewsGiven", given ? 1 : 0),
            new("view1Features", viewA.Length),
            new("view2Features", viewB.Length),
            new("rounds", rounds),
            new("agreedPseudoLabelsPerClass", k),
            new("agreedPseudoLabels", pseudo.Count),
            new("finalHeadTargetOnly", targetOnly ? 1 : 0),
        };
        return new AdaptedHead(aligned.Chain(ml, head), probabilities, summary, values);
    }

    private static bool Same(Dictionary<int, int> a, Dictionary<int, int> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var l) && l == p.Value);

    /// <summary>One view: its feature indices, the labeled and target rows restricted to them, its head's target probabilities.</summary>
    private sealed class View(int[] indices, float[][] labeled, float[][] target)
    {
        public float[][] Probabilities { get; private set; } = [];

        /// <summary>Trains the view's head on the labeled rows plus <paramref name="pseudo"/> (target row -> label) and predicts the target rows.</summary>
        public void Train(MLContext ml, IReadOnlyList<string> labels, IReadOnlyList<int> labeledLabels, Dictionary<int, int> pseudo, AdaptationContext context)
        {
            var ordered = pseudo.OrderBy(p => p.Key).ToList();
            var head = HeadOnRows.Fit(ml, labels, [.. labeled, .. ordered.Select(p => target[p.Key])], [.. labeledLabels, .. ordered.Select(p => p.Value)], context, "source rows");
            Probabilities = HeadOnRows.Probabilities(head, target, indices.Length, labels.Count);
        }
    }
}
