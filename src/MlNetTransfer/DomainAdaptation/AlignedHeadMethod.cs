using Microsoft.ML;

namespace MlNetTransfer.DomainAdaptation;

/// <summary>
/// A linear alignment followed by a head (<c>none</c>, <c>mean-std</c>, <c>coral</c>, <c>subspace-alignment</c>): the
/// alignment is fitted on the source rows and the target rows (labeled target rows count as target rows), the head
/// (<see cref="AdaptationContext.Trainer"/>) is trained on the mapped source rows plus any mapped labeled target rows,
/// and the saved steps are the target map (an ONNX step, left out when it is the identity) and the head.
/// </summary>
public sealed class AlignedHeadMethod : IDomainAdaptationMethod
{
    private readonly IFeatureAlignment _alignment;

    /// <summary>The method of <paramref name="alignment"/>; its name is the alignment's.</summary>
    public AlignedHeadMethod(IFeatureAlignment alignment)
    {
        ArgumentNullException.ThrowIfNull(alignment);
        _alignment = alignment;
    }

    /// <inheritdoc />
    public string Name => _alignment.Name;

    /// <inheritdoc />
    public AdaptedHead Fit(MLContext ml, AdaptationData data, AdaptationContext context)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        context.Progress?.Report(new WorkflowProgress(Name, 0, 2));
        var aligned = AlignedRows.Fit(_alignment, data, context.Cancellation);
        context.Progress?.Report(new WorkflowProgress(Name, 1, 2));
        var rows = aligned.Source.Concat(aligned.TargetLabeled).ToList();
        var labels = data.SourceLabels.Concat(data.TargetLabeledLabels).ToList();
        var head = HeadOnRows.Fit(ml, data.Labels, rows, labels, context, "source rows");
        var probabilities = HeadOnRows.Probabilities(head, aligned.Target, aligned.Width, data.Labels.Count);
        context.Progress?.Report(new WorkflowProgress(Name, 2, 2));
        return new AdaptedHead(aligned.Chain(ml, head), probabilities, aligned.Alignment.Summary, aligned.Alignment.Values);
    }
}
