using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// <c>few-shot</c>: a handful of labeled target rows (<c>--target-labeled</c>) with the unlabeled rest. The alignment is
/// fitted on the source rows and every target row (labeled and unlabeled); the head is trained on the mapped source rows
/// plus the mapped labeled target rows, each repeated <see cref="FewShotOptions.Repeat"/> times (its weight), and then
/// self-trained on the unlabeled target rows exactly as <see cref="SelfTrainingMethod"/> does (class-balanced
/// pseudo-labels; with <see cref="SelfTrainingOptions.TargetOnlyLastRound"/> the final head keeps the labeled target rows).
/// </summary>
public sealed class FewShotMethod : IDomainAdaptationMethod
{
    private readonly IFeatureAlignment _alignment;

    /// <summary>Few-shot adaptation after <paramref name="alignment"/> (<see cref="NoAlignment"/> for none); null options: the defaults.</summary>
    public FewShotMethod(IFeatureAlignment alignment, FewShotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        _alignment = alignment;
        Options = options ?? new FewShotOptions();
    }

    /// <summary>The settings.</summary>
    public FewShotOptions Options { get; }

    /// <inheritdoc />
    public string Name => MethodNames.With("few-shot",
        [("alignment", MethodNames.Alignment(_alignment)), ("repeat", MethodNames.IfNot(Options.Repeat, new FewShotOptions().Repeat)), .. MethodNames.Of(Options.SelfTraining ?? new())]);

    /// <summary>
    /// Fits the method; a <see cref="UserInputException"/> naming <c>--target-labeled</c> when
    /// <see cref="AdaptationData.TargetLabeled"/> is empty, or listing invalid options.
    /// </summary>
    public AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        if (data.TargetLabeled.Count == 0)
            throw new UserInputException("Few-shot adaptation needs labeled target rows: give a few with --target-labeled <dir|csv>.");
        var problems = Options.Problems();
        if (problems.Count > 0) throw new UserInputException($"Invalid few-shot options: {string.Join("; ", problems)}.");
        var aligned = AlignedRows.Fit(_alignment, data, context.Cancellation);
        var repeatedRows = Enumerable.Repeat(aligned.TargetLabeled, Options.Repeat).SelectMany(r => r).ToList();
        var repeatedLabels = Enumerable.Repeat(data.TargetLabeledLabels, Options.Repeat).SelectMany(l => l).ToList();
        var result = PseudoLabeling.Run(ml, data.Labels,
            [.. aligned.Source, .. repeatedRows], [.. data.SourceLabels, .. repeatedLabels],
            repeatedRows, repeatedLabels, aligned.Target, aligned.Width, Options.SelfTraining, context, "few-shot");
        return SelfTrainingMethod.Adapted(ml, aligned, result, Options.SelfTraining, $"Few-shot ({data.TargetLabeled.Count} labeled target rows × {Options.Repeat})",
            [new("targetLabeledRows", data.TargetLabeled.Count), new("targetLabeledRepeat", Options.Repeat)]);
    }
}
