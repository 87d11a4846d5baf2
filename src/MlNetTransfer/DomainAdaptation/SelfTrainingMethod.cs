using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>self-training</c>: iterative, class-balanced pseudo-labelling of the (aligned) target rows with any head. The
/// alignment is fitted and applied as in <see cref="AlignedHeadMethod"/>; a head trained on the mapped source rows
/// predicts the mapped target rows; each round every class gets the same number of pseudo-labels, its target rows
/// predicted with probability ≥ <see cref="SelfTrainingOptions.Threshold"/>, most confident first, up to a cap that grows
/// each round (<see cref="SelfTrainingOptions"/>); the head is retrained on the source rows plus the pseudo-labeled
/// rows. Balancing keeps a head biased towards one class on the target from labeling that class ever more (class-balanced
/// self-training, Zou et al. 2018, ECCV). Stops when no class has a confident row, when the pseudo-labels stop changing,
/// or after the last round; optionally the final head is trained on the target pseudo-labels only.
/// </summary>
public sealed class SelfTrainingMethod : IDomainAdaptationMethod
{
    private readonly IFeatureAlignment _alignment;

    /// <summary>Self-training after <paramref name="alignment"/> (<see cref="NoAlignment"/> for none); null options: the defaults.</summary>
    public SelfTrainingMethod(IFeatureAlignment alignment, SelfTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        _alignment = alignment;
        Options = options ?? new SelfTrainingOptions();
    }

    /// <summary>The settings.</summary>
    public SelfTrainingOptions Options { get; }

    /// <inheritdoc />
    public string Name => MethodNames.With("self-training", [("alignment", MethodNames.Alignment(_alignment)), .. MethodNames.Of(Options)]);

    /// <inheritdoc />
    public AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        Options.Check("self-training");
        var aligned = AlignedRows.Fit(_alignment, data, context.Cancellation);
        var result = PseudoLabeling.Run(ml, data.Labels,
            [.. aligned.Source, .. aligned.TargetLabeled], [.. data.SourceLabels, .. data.TargetLabeledLabels],
            aligned.TargetLabeled, data.TargetLabeledLabels, aligned.Target, aligned.Width, Options, context, "self-training");
        return Adapted(ml, aligned, result, Options, "Self-training");
    }

    /// <summary>The adapted head of a self-training run: steps, probabilities, a sentence and the values.</summary>
    internal static AdaptedHead Adapted(MLContext ml, AlignedRows aligned, PseudoLabelResult result, SelfTrainingOptions options, string what, IEnumerable<KeyValuePair<string, double>>? extra = null)
    {
        var perClass = result.Rounds.Count == 0 ? 0 : result.Rounds[^1].PerClass[0];
        var summary = $"{what}{aligned.After}: {result.Rounds.Count} round{(result.Rounds.Count == 1 ? "" : "s")}, " +
            $"{perClass} target pseudo-label{(perClass == 1 ? "" : "s")} per class (probability ≥ {options.Threshold:0.##})" +
            $"{(result.TargetOnly ? ", final head on target rows only" : options.TargetOnlyLastRound ? ", final head with the source rows (fewer pseudo-labels than features)" : "")}; stopped because {result.StopReason}.";
        var values = new List<KeyValuePair<string, double>>(aligned.Alignment.Values);
        if (extra is not null) values.AddRange(extra);
        values.Add(new("rounds", result.Rounds.Count));
        values.Add(new("pseudoLabelsPerClass", perClass));
        values.Add(new("pseudoLabels", result.PseudoLabels.Count));
        values.Add(new("pseudoLabelsChangedLastRound", result.Rounds.Count == 0 ? 0 : result.Rounds[^1].Changed));
        values.Add(new("finalHeadTargetOnly", result.TargetOnly ? 1 : 0));
        return new AdaptedHead(aligned.Chain(ml, result.Head), result.Probabilities, summary, values);
    }
}
